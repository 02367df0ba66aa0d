"""Keep TensorFlow's start-up and logging noise off stderr.

The environment variables only work when set before TensorFlow is imported, so this module
never imports TensorFlow itself; `silence_loaded_tensorflow` quiets the Python-side loggers
once it is loaded.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings

QUIET_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    # TF 2.21 prints a oneDNN notice on stderr even at log level 3 unless this is off.
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "ABSL_MIN_LOG_LEVEL": "3",
    "KERAS_BACKEND": "tensorflow",
}


def quiet_tensorflow() -> None:
    """Set TensorFlow's quiet environment and warning filters (idempotent, cheap)."""
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    for category in (DeprecationWarning, FutureWarning, UserWarning):
        warnings.filterwarnings("ignore", category=category, module=r"(tensorflow|keras|absl)")
    if "tensorflow" in sys.modules:
        silence_loaded_tensorflow()


def silence_loaded_tensorflow() -> None:
    """Lower TensorFlow's and absl's Python loggers to errors only."""
    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    logging.getLogger("absl").setLevel(logging.ERROR)
