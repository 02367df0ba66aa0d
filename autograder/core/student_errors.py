"""The sentence that tells a student what their own code raised, in the learner's language.

It is the message of every `StudentCodeError` outcome. The *context* says when the error
happened (``when called as `f(1)```) and is a phrase its caller translates, so a translator can
put it wherever the sentence needs it.
"""

from __future__ import annotations

from autograder.i18n import _


def code_error_text(error: BaseException, context: str = "") -> str:
    """``Your code raised ValueError when called as `f(1)`: bad value.``, from the error and its context."""
    name = type(error).__name__
    try:
        detail = str(error).strip()
    except Exception:  # an exception class of the student's whose text itself raises
        detail = ""
    if context and detail:
        # Translators: {error} is an exception's name; {context} a phrase such as "when called as `f(1)`";
        # {detail} the exception's own text.
        return _("Your code raised {error} {context}: {detail}").format(error=name, context=context, detail=detail)
    if context:
        return _("Your code raised {error} {context}.").format(error=name, context=context)
    if detail:
        return _("Your code raised {error}: {detail}").format(error=name, detail=detail)
    return _("Your code raised {error}.").format(error=name)
