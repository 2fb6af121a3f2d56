"""What library calls do to values, as tables keyed by qualified name (or method name).

Adding a library function is a row here, not a branch of the evaluator (``facts.py``). Names
are canonical (``names.canonical``): ``torch.softmax`` is ``torch.nn.functional.softmax``.
"""

from __future__ import annotations

from wce_guard.lint.analysis.values import Kind
from wce_guard.loss_table import BY_QUALIFIED_NAME, LOSSES

# Functions whose result holds a kind of its own, whatever their input.
PRODUCERS = {
    "torch.nn.functional.linear": Kind.LOGITS,
    "torch.nn.functional.softmax": Kind.PROBABILITIES,
    "torch.nn.functional.log_softmax": Kind.LOG_PROBABILITIES,
    "torch.nn.functional.sigmoid": Kind.SIGMOID,
    "torch.nn.functional.one_hot": Kind.ONE_HOT,
}
# Tensor methods that do the same.
METHOD_PRODUCERS = {
    "softmax": Kind.PROBABILITIES,
    "log_softmax": Kind.LOG_PROBABILITIES,
    "sigmoid": Kind.SIGMOID,
    "sigmoid_": Kind.SIGMOID,
}
# Layers: calling one gives this kind.
LAYERS = {
    "torch.nn.Linear": Kind.LOGITS,
    "torch.nn.LazyLinear": Kind.LOGITS,
    "torch.nn.Bilinear": Kind.LOGITS,
    "torch.nn.Softmax": Kind.PROBABILITIES,
    "torch.nn.Softmax2d": Kind.PROBABILITIES,
    "torch.nn.LogSoftmax": Kind.LOG_PROBABILITIES,
    "torch.nn.Sigmoid": Kind.SIGMOID,
    # a convolution ending a segmentation head scores each class at each position
    "torch.nn.Conv1d": Kind.LOGITS,
    "torch.nn.Conv2d": Kind.LOGITS,
    "torch.nn.Conv3d": Kind.LOGITS,
}
# Containers of layers: calling one runs its layers in order, so gives what its last gives.
SEQUENTIAL = "torch.nn.Sequential"
MODULE_CONTAINERS = {"torch.nn.ModuleList", "torch.nn.ModuleDict"}  # hold what they are given

# Shape-only operations: their result holds what their (first) input holds.
SHAPE_FUNCTIONS = {
    "torch.reshape", "torch.flatten", "torch.squeeze", "torch.unsqueeze", "torch.transpose",
    "torch.permute", "torch.narrow", "torch.index_select", "torch.masked_select", "torch.clone",
    "torch.t", "torch.movedim", "torch.swapaxes", "torch.gather", "torch.take_along_dim",
    "torch.select", "torch.detach",
    # resized along the spatial axes, the class axis kept
    "torch.nn.functional.interpolate", "torch.nn.functional.upsample",
}  # fmt: skip
SHAPE_METHODS = {
    "view", "view_as", "reshape", "reshape_as", "resize", "resize_", "squeeze", "squeeze_",
    "unsqueeze", "unsqueeze_", "permute", "transpose", "transpose_", "t", "contiguous",
    "flatten", "unflatten", "clone", "detach", "detach_", "narrow", "select", "index_select",
    "masked_select", "gather", "expand", "expand_as", "repeat", "movedim", "swapaxes",
    "bfloat16", "requires_grad_", "pin_memory",
}  # fmt: skip
# Sequences of tensors joined into one: the result holds what every part holds.
JOINS = {"torch.cat", "torch.concat", "torch.concatenate", "torch.stack", "torch.vstack",
         "torch.hstack"}  # fmt: skip
# Products: distributions mixed by distributions (attention weights over one-hot labels) are
# distributions.
PRODUCTS = {"torch.bmm", "torch.matmul", "torch.mm"}
# Methods of a model, layer or loss object that return the object itself.
RETURNS_SELF = {"train", "eval", "to", "cuda", "cpu", "float", "double", "half", "bfloat16",
                "requires_grad_", "share_memory", "to_empty", "type", "xpu", "mps"}  # fmt: skip
# Functions that return what they are given (as far as kinds go).
IDENTITIES = {"copy.deepcopy", "copy.copy", "torch.compile", "torch.jit.script"}
# Keep counts away from zero (and probabilities away from 0 before a log).
GUARD_FUNCTIONS = {"torch.clamp", "torch.clip", "torch.clamp_min", "numpy.clip",
                   "numpy.maximum", "torch.maximum"}  # fmt: skip
GUARD_METHODS = {"clamp", "clip", "clamp_min", "clamp_", "clamp_min_", "clip_"}
# Methods that give the same numbers (of a dict, a Series or DataFrame, an array)
KEEPING_METHODS = {"to_dict", "tolist", "to_numpy", "copy", "values", "items", "sort_index",
                   "sort_values", "set_index", "reset_index"}  # fmt: skip
WHERE = {"torch.where", "numpy.where"}  # an entry from one branch or the other, by a test
# Sums of a test per element: np.sum(y == c) is a count
COUNTING_SUMS = {"numpy.sum", "torch.sum", "numpy.count_nonzero", "torch.count_nonzero"}
# One number from per-class values (the axis given, they are per something else)
REDUCTIONS = {"numpy.sum", "torch.sum", "numpy.min", "numpy.amin", "torch.min", "numpy.max",
              "numpy.amax", "torch.max", "numpy.mean", "torch.mean"}  # fmt: skip
REDUCTION_METHODS = {"sum", "min", "max", "mean", "amin", "amax"}

LOSS_FUNCTIONS = {loss.qualified_functional for loss in LOSSES}
LOSS_CLASSES = {loss.qualified_module for loss in LOSSES}


def loss_arguments(qualified: str, constructor: bool = False) -> tuple[str, ...]:
    """A loss's positional parameters: the functional's, or its module constructor's."""
    loss = BY_QUALIFIED_NAME[qualified]
    return loss.constructor if constructor else loss.parameters


# Tensor factories (their device is what they are given; only WCE2xx/WCE3xx ask).
FROM_DATA = {"torch.tensor", "torch.as_tensor", "torch.from_numpy", "torch.Tensor"}
NUMPY_FACTORIES = {"numpy.array", "numpy.asarray", "numpy.ones", "numpy.zeros", "numpy.full"}
FACTORIES = {
    "torch.ones", "torch.zeros", "torch.full", "torch.empty", "torch.arange", "torch.linspace",
    "torch.rand", "torch.randn", "torch.randint", "torch.randperm", "torch.eye",
    "torch.FloatTensor", "torch.DoubleTensor", "torch.LongTensor",
}  # fmt: skip
# Libraries of models whose constructors take num_classes= (what calling the model gives).
MODEL_LIBRARIES = ("torchvision.models.", "timm.create_model", "timm.models.",
                   "segmentation_models_pytorch.")  # fmt: skip
# numpy functions whose result, for Python numbers, is a numpy float64 number
NUMPY_MATH = {"numpy.sqrt", "numpy.log", "numpy.log1p", "numpy.exp", "numpy.power",
              "numpy.float64", "numpy.mean", "numpy.median"}  # fmt: skip
# Tables read from files: their numeric columns are float64 (or int64) numpy arrays
TABLE_READERS = {"pandas.read_csv", "pandas.read_parquet", "pandas.read_json",
                 "pandas.read_excel", "pandas.read_table"}  # fmt: skip
# Frameworks that place a model on its device without a visible .to(): a subclass of these
# classes runs on the accelerator the framework chose, and so do calls of these functions.
PLACING_BASES = {
    "lightning.LightningModule", "lightning.pytorch.LightningModule",
    "lightning.pytorch.core.LightningModule", "lightning.pytorch.core.module.LightningModule",
    "pytorch_lightning.LightningModule", "pytorch_lightning.core.LightningModule",
    "pytorch_lightning.core.lightning.LightningModule",
    "transformers.Trainer", "transformers.trainer.Trainer", "transformers.Seq2SeqTrainer",
}  # fmt: skip
# Classes whose subclasses are nn.Modules (they register tensors only as buffers).
MODULE_BASES = {"torch.nn.Module", "torch.nn.modules.module.Module", *LOSS_CLASSES,
                *(base for base in PLACING_BASES if "Lightning" in base)}  # fmt: skip
# The methods of those classes the framework calls, with the object it was given.
FRAMEWORK_HOOKS = ("training_step", "validation_step", "test_step", "predict_step",
                   "compute_loss", "prediction_step")  # fmt: skip
PLACING_CALLS = {
    "torch.nn.DataParallel", "torch.nn.parallel.DataParallel",
    "torch.nn.parallel.DistributedDataParallel", "accelerate.Accelerator",
}  # fmt: skip
DTYPE_NAMES = {
    "float16": "float16", "half": "float16", "bfloat16": "bfloat16", "float32": "float32",
    "float": "float32", "float64": "float64", "double": "float64", "int64": "int64",
    "long": "int64", "int32": "int32", "int": "int32", "uint8": "uint8", "bool": "bool",
}  # fmt: skip
