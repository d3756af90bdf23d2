"""Optuna side of bench:tune-pruning: runs the anchor's pruning.py objective (shared/anchors/optuna)
for each pruner and seed, printing one JSON line per run."""
import json
import os
import sys

shared = os.environ.get("TUNELAB_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
sys.path.insert(0, os.path.join(shared, "anchors", "optuna"))
import optuna  # noqa: E402
from pruning import run_one  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.WARNING)
seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
for pruner in ("nop", "median", "successive_halving", "hyperband"):
    for seed in range(seeds):
        r = run_one(pruner, seed)
        print(json.dumps({k: r[k] for k in ("pruner", "seed", "total_steps", "n_pruned", "best_final_value",
                                            "best_trial_clean_final", "wall_s")}), flush=True)
