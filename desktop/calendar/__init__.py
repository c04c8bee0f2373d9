"""The parts of the Calendar page: the plan it shows and edits, its views, panels, dialogs and the
solver worker. `desktop.pages.calendar` puts them together."""
