"""Journeys a person makes, in a real headless Chromium, with axe-core checks."""
