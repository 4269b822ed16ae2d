"""The cues of an ML engineer's specialism in the title (`roles.py`): solutions architect > hardware >
platform, and the platform cues strong enough to make an AI-engineer title ML engineering (rule 5).
Regex fragments on the normalised title.
"""

from __future__ import annotations

from pipeline.normalize.role_vocabulary import padded

SOLUTIONS_ARCHITECT = padded(
    "architects?",
    "solutions? architecture",
    "solutions? engineers?",
    "customer engineers?",
    "field engineers?",
    "forward deployed",
    "sales engineers?",
    "technical account",
    "solutions consultant",
    "partner engineers?",
    "deployment engineers?",
    "implementation engineers?",
    "presales",
    "pre sales",
    "field applications? engineers?",
)
HARDWARE = padded(
    "hardware",
    "compilers?",
    "kernels?",
    "accelerators?",
    "silicon",
    "asic",
    "fpga",
    "tpu",
    "cuda",
    "triton",
    "chips?",
    "npu",
    "performance",
    "optimi[sz]ation",
    "co ?design",
    "hw sw",
)
GPU_FLEET = padded("infrastructure", "infra", "clusters?", "fleet")
GPU_WORK = padded(
    "performance", "kernels?", "infrastructure", "infra", "clusters?", "compute", "inference", "training", "fleet"
)
# Platform cues strong enough to make an AI-engineer title ML engineering ("AI Inference Engineer").
PLATFORM_STRONG = padded(
    "platform engineers?",
    "infrastructure",
    "infra",
    "mlops",
    "ml ops",
    "llmops",
    "serving",
    "inference",
    "gpus?",
    "workloads?",
)
PLATFORM = padded(
    "platform",
    "infrastructure",
    "infra",
    "mlops",
    "ml ops",
    "llmops",
    "machine learning operations",
    "systems",
    "reliability",
    "sre",
    "serving",
    "inference",
    "distributed",
    "devops",
    "tooling",
    "scalability",
    "frameworks?",
    "developer productivity",
    "gpus?",
    "workloads?",
)
