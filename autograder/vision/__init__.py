"""Kernels, images, TensorFlow operations and plots for the lessons and exercises."""

from autograder.vision.images import available_images, circle, data_dir, dots, load_image, stripes
from autograder.vision.kernels import KERNELS, blur, bottom_sobel, edge, emboss, sharpen
from autograder.vision.ops import as_batch, as_filter, condense, convolve, detect
from autograder.vision.plots import show_extraction, show_kernel, show_maps

__all__ = [
    "KERNELS",
    "as_batch",
    "as_filter",
    "available_images",
    "blur",
    "bottom_sobel",
    "circle",
    "condense",
    "convolve",
    "data_dir",
    "detect",
    "dots",
    "edge",
    "emboss",
    "load_image",
    "sharpen",
    "show_extraction",
    "show_kernel",
    "show_maps",
    "stripes",
]
