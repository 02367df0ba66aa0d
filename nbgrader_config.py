"""nbgrader configuration for the course: one place for every grading setting."""

import os
from pathlib import Path

from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.preprocessors import SaveAutoGrades

from autograder.course import COURSE_ID
from autograder.exercises import ASSIGNMENTS as EXERCISES
from autograder.grading.nbgrader_ext import FeedbackHiddenTests, KeepInstructorCells, StrictSaveAutoGrades
from autograder.i18n import LANGUAGES, translated_assignment

# TensorFlow must be quiet before any kernel imports it: kernels inherit this environment, and
# nbgrader gives zero points to a grade cell with any stderr output.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("PYTHONWARNINGS", "ignore")

COURSE_ROOT = Path(__file__).resolve().parent
# Images resolve from release/, autograded/<student>/ or anywhere else.
os.environ.setdefault("CONVNET_COURSE_DATA", str(COURSE_ROOT / "data"))

# The course's assignments, in teaching order, each in English (as `autograder.exercises` lists them)
# and then in every translation (``ex1_convolution_relu_zh_CN``: made from the English one, see
# ``make translations``). nbgrader 0.9 has no option to declare them in the config: `nbgrader
# generate_assignment NAME` records each in the gradebook (see README), and a test keeps this list in
# step with source/.
ASSIGNMENTS = [translated_assignment(name, code) for name in EXERCISES for code in LANGUAGES]

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

c.CourseDirectory.course_id = COURSE_ID
c.CourseDirectory.root = str(COURSE_ROOT)
c.CourseDirectory.db_url = f"sqlite:///{COURSE_ROOT / 'gradebook.db'}"
# Only the notebooks are the assignment; data comes from the course's data/ folder.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# A starter line that runs: `____` is the course's placeholder, which checks report as
# "Not attempted" (nbgrader's default stub raises NotImplementedError and stops the notebook).
c.ClearSolutions.code_stub = {"python": "____  # YOUR CODE HERE"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Restore deleted grade and read-only cells from the gradebook instead of losing their points.
c.OverwriteCells.add_missing_cells = True

# Before nbgrader's own sanitizing stages: nbgrader metadata stays only on the instructor's cells (grade
# ids in the gradebook, one cell each, with the instructor's flags and points). A cell the student
# marked as a grade, solution or locked cell, copied, or gave odd metadata is run as the student's own
# (and flagged by `autograder grade`) instead of failing the whole submission.
c.Autograde.sanitize_preprocessors = [
    KeepInstructorCells,
    *Autograde.class_traits()["sanitize_preprocessors"].default(),
]

# nbgrader's autograde stages, in order, with SaveAutoGrades replaced by StrictSaveAutoGrades: a
# grade cell with any error or stderr output scores 0, even if an execute_result comes first.
c.Autograde.autograde_preprocessors = [
    StrictSaveAutoGrades if stage is SaveAutoGrades else stage
    for stage in Autograde.class_traits()["autograde_preprocessors"].default()
]

# Feedback shows each grade cell as it was released: the hidden tests (their seeds and extra cases)
# stay with the instructor. Set to True to show them to students.
c.FeedbackHiddenTests.show = False
c.GenerateFeedback.preprocessors = [*GenerateFeedback.class_traits()["preprocessors"].default(), FeedbackHiddenTests]

# Graded assignments: no answer, hint or model solution reaches a student's runtime (`make hub` builds
# the students' environment without them, and grading kernels never hold any). Each check of a graded
# assignment is judged away from the student. Empty: every assignment is practice, answers local.
c.Autograder.graded_assignments = []

# Importing TensorFlow takes seconds; give each cell room without letting a loop run forever.
c.Execute.timeout = 180
c.Execute.startup_timeout = 120
