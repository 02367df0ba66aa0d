"""What lesson 2 says about max pooling and small shifts, measured with TensorFlow."""

from autograder.vision import measure


def test_a_shift_inside_the_pooling_grid_disappears():
    # lesson 2's demo: the dot at column 8 moved to column 10 stays in the 4-wide block 8..11
    assert measure.measured_shift_visible(16, 8, 2, 4) == [True, False, False, False]


def test_a_one_pixel_shift_across_a_window_edge_survives_several_poolings():
    # column 8 -> 7 (lesson 2: np.roll(dot, -1)) crosses the edge of every block up to 16 wide:
    # visible after 1, 2 and 3 poolings
    assert measure.measured_shift_visible(16, 7, 1, 4) == [True, True, True, False]
    # and a shift inside one 2x2 window disappears after a single pooling
    assert measure.measured_shift_visible(16, 6, 1, 1) == [False]


def test_a_shift_by_one_whole_window_moves_the_pooled_map():
    # a shift by exactly one window moves every pooled value by one cell
    assert measure.measured_shift_visible(16, 1, 2, 1) == [True]


def test_the_shifts_exercise_2_discusses():
    # show_shifted_dots moves the dot at column 8 of a 16x16 map, pooled three times
    assert measure.measured_shift_visible(16, 8, 2, 3) == [True, False, False]
    assert measure.measured_shift_visible(16, 8, 5, 3) == [True, True, False]
    assert measure.measured_shift_visible(16, 7, 1, 3) == [True, True, True]  # shift=-1: column 8 -> 7
    assert measure.measured_shift_visible(16, 8, 1, 3) == [False, False, False]
