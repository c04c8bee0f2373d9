"""One function per thing a user does: the only API the command line, the app and the reports call."""
