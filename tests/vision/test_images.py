import numpy as np
import pytest
from harness.course import ROOT

from autograder.vision import images


@pytest.mark.parametrize("where", ["course", "release/ex1_convolution_relu", "data", "."])
def test_data_is_found_from_course_folders(where, monkeypatch):
    monkeypatch.delenv(images.DATA_ENV, raising=False)
    monkeypatch.chdir(ROOT / where)
    assert images.data_dir() == ROOT / "data"


def test_data_is_found_from_an_unrelated_folder_through_the_package(tmp_path, monkeypatch):
    monkeypatch.delenv(images.DATA_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert images.data_dir() == ROOT / "data"


def test_environment_variable_wins(tmp_path, monkeypatch):
    (tmp_path / "LICENSES.md").write_text("x")
    monkeypatch.setenv(images.DATA_ENV, str(tmp_path))
    assert images.data_dir() == tmp_path


def test_every_image_has_a_licence_entry():
    licences = (ROOT / "data" / "LICENSES.md").read_text()
    names = images.available_images()
    assert names
    for name in names:
        assert f"`{name}.png`" in licences and "CC0" in licences


@pytest.mark.parametrize("name", ["camera", "brick", "chelsea", "horse"])
def test_images_load_as_grayscale_floats(name):
    picture = images.load_image(name, size=(40, 60))
    assert picture.shape == (40, 60) and picture.dtype == np.float32
    assert picture.min() >= 0.0 and picture.max() <= 1.0 and picture.std() > 0.01


def test_unknown_image_names_the_choices():
    with pytest.raises(FileNotFoundError, match="camera"):
        images.load_image("kaggle_car")


def test_synthetic_patterns():
    disc = images.circle(21, radius=5)
    assert disc[10, 10] == 1 and disc[0, 0] == 0 and disc.sum() == pytest.approx(np.pi * 25, rel=0.15)
    flat = images.stripes(12, period=4, width=1, orientation="horizontal")
    assert flat[:, 0].tolist() == [1, 0, 0, 0] * 3 and (flat == flat[:, :1]).all()
    assert np.array_equal(images.stripes(12, 4, 1, "vertical"), flat.T)
    grid = images.dots(16, spacing=8, radius=0)
    assert grid.sum() == 4 and grid[4, 4] == 1
    with pytest.raises(ValueError):
        images.stripes(orientation="diagonal")


def test_bar_images_hold_one_bar_each_along_the_labelled_orientation():
    from autograder.vision import bar_images

    images, vertical = bar_images(50, noise=0.0, seed=3)
    assert images.shape == (50, 16, 16, 1) and images.dtype == np.float32
    assert set(vertical.tolist()) == {0.0, 1.0}
    for image, label in zip(images[..., 0], vertical, strict=True):
        rows, cols = np.flatnonzero(image.any(axis=1)), np.flatnonzero(image.any(axis=0))
        line, length = (cols, rows) if label else (rows, cols)
        assert len(line) == 1 and len(length) >= 16 // 3, image
    again, _ = bar_images(50, noise=0.0, seed=3)
    assert np.array_equal(images, again)
