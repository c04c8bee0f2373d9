"""The rules a plan must keep: the walk types as data (the guide's defaults and a district's overrides)
and the validator, the single statement of every hard rule."""
