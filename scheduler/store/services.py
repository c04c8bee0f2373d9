"""The names scheduler.store.neighborhood still imports from here, where the plan store used to live.

Kept only so that branch `neigh`, which owns that module, merges cleanly: once its import reads
`scheduler.store.plans`, delete this module.
"""

from scheduler.store.plans import StoredPlan, as_stored, plan_save, store_plan

__all__ = ["StoredPlan", "as_stored", "plan_save", "store_plan"]
