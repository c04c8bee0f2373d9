"""Planning a month: candidate slots, the CP-SAT model, first-fit, shortfall diagnosis, the planner and
post-incident placement. Plain values in, plain values out: no database, no files, no Qt."""
