"""Kernels, images, TensorFlow operations and plots for the lessons and exercises.

The single source of the window arithmetic (`geometry`), of pooling (`pooling`) and of layer
stacks described as data (`stacks`): exercises and widgets use these, never their own copies.
"""

from autograder.vision.images import available_images, bar_images, circle, data_dir, dots, load_image, stripes
from autograder.vision.kernels import KERNELS, blur, bottom_sobel, edge, emboss, sharpen
from autograder.vision.ops import as_batch, as_filter, condense, convolve, detect
from autograder.vision.plots import show_extraction, show_kernel, show_maps
from autograder.vision.pooling import pool, pool_map, pool_numpy

__all__ = [
    "KERNELS",
    "as_batch",
    "as_filter",
    "available_images",
    "bar_images",
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
    "pool",
    "pool_map",
    "pool_numpy",
    "sharpen",
    "show_extraction",
    "show_kernel",
    "show_maps",
    "stripes",
]
