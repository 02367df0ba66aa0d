"""The worker side: `grade.grade_bundle`, the unit of work that executes one submission."""
