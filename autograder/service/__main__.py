"""``python -m autograder.service``: the class's judge service (`autograder.service.server`)."""

from autograder.service.server import main

main()
