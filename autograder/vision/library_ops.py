"""The library functions that compute convolutions, pooling or image patches, which from-scratch questions block.

Keras layers and ``keras.ops`` reach TensorFlow through ``tf.nn`` at call time, so blocking
``tf.nn`` covers them too; ``keras.ops`` is listed so that a reference to one of its functions is
named in the message. The TensorFlow operations themselves are refused too, so a function reached
another way (``gen_nn_ops``, ``tf.compat.v2``, one kept aside before the check) is still caught.
The course's own helpers that filter or condense (``autograder.vision``'s) are refused as well: in
a graded class they are the one worked implementation a student's runtime still holds.
"""

from __future__ import annotations

from autograder.core.from_scratch import LibraryFunctions

_TF_NN = (
    "atrous_conv2d",
    "avg_pool",
    "avg_pool1d",
    "avg_pool2d",
    "avg_pool3d",
    "conv1d",
    "conv2d",
    "conv3d",
    "conv2d_transpose",
    "conv_transpose",
    "convolution",
    "depthwise_conv2d",
    "dilation2d",
    "erosion2d",
    "max_pool",
    "max_pool1d",
    "max_pool2d",
    "max_pool3d",
    "max_pool_with_argmax",
    "pool",
    "separable_conv2d",
)

CONVOLUTION_AND_POOLING: tuple[LibraryFunctions, ...] = (
    LibraryFunctions("tensorflow", "tf.nn", _TF_NN, within="nn"),
    LibraryFunctions("tensorflow", "tf.compat.v1.nn", _TF_NN, within="compat.v1.nn"),
    LibraryFunctions(
        "tensorflow",
        "tf.raw_ops",
        ("AvgPool", "Conv", "Conv2D", "DepthwiseConv2dNative", "Dilation2D", "MaxPool", "MaxPoolV2"),
        within="raw_ops",
        operations=(
            *("AvgPool", "AvgPool3D", "Conv", "Conv2D", "Conv3D", "Conv2DBackpropInput", "DepthwiseConv2dNative"),
            *("Dilation2D", "MaxPool", "MaxPoolV2", "MaxPool3D", "MaxPoolWithArgmax"),
        ),
    ),
    LibraryFunctions(
        "keras",
        "keras.ops",
        ("average_pool", "conv", "conv_transpose", "depthwise_conv", "max_pool", "separable_conv"),
        within="ops",
    ),
    LibraryFunctions(
        "scipy.signal",
        "scipy.signal",
        ("convolve", "convolve2d", "correlate", "correlate2d", "fftconvolve", "oaconvolve"),
    ),
    LibraryFunctions(
        "autograder.vision", "autograder.vision", ("convolve", "detect", "condense", "pool", "pool_map", "pool_numpy")
    ),
    LibraryFunctions("autograder.vision.ops", "autograder.vision.ops", ("convolve", "detect", "condense")),
    LibraryFunctions("autograder.vision.pooling", "autograder.vision.pooling", ("pool", "pool_map", "pool_numpy")),
    LibraryFunctions(
        "scipy.ndimage",
        "scipy.ndimage",
        (
            "convolve",
            "correlate",
            "generic_filter",
            "maximum_filter",
            "minimum_filter",
            "uniform_filter",
        ),
    ),
)
"""Everything that would compute a cross-correlation or a pooling for the student."""

IM2COL_LIBRARY: tuple[LibraryFunctions, ...] = (
    *CONVOLUTION_AND_POOLING,
    LibraryFunctions(
        "tensorflow", "tf.image", ("extract_patches",), within="image", operations=("ExtractImagePatches",)
    ),
    LibraryFunctions("tensorflow", "tf.compat.v1.image", ("extract_image_patches",), within="compat.v1.image"),
)
"""What im2col would hand over: the convolutions and pooling, and the functions that extract image patches."""
