"""Coded lists shared by several apps (learner profile, workplace, matching).

Kept in one place, below the domain apps, so a learner's need and a workplace's offer use the same codes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CEFR(models.TextChoices):
    """Dutch language level on the Common European Framework of Reference."""

    PRE_A1 = "pre_a1", _("Beginner (below A1)")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"

    @classmethod
    def rank(cls, level: str) -> int:
        """0 for pre-A1 up to 6 for C2, so levels can be compared."""
        return list(cls.values).index(level)


class Support(models.TextChoices):
    """Support a learner may need and a workplace may give: coded and minimal, never a diagnosis."""

    EXTRA_INSTRUCTION = "extra_instruction", _("Extra time for instruction")
    FIXED_STRUCTURE = "fixed_structure", _("Fixed structure and predictable tasks")
    VISUAL_INSTRUCTIONS = "visual_instructions", _("Instructions with pictures or demonstration")
    JOB_COACH = "job_coach", _("A job coach is welcome on the shop floor")
    ACCESSIBLE_BUILDING = "accessible_building", _("Accessible building (wheelchair)")
    QUIET_WORKSPACE = "quiet_workspace", _("A quiet place to work")
    FLEXIBLE_HOURS = "flexible_hours", _("Flexible or shorter hours")
    LANGUAGE_SUPPORT = "language_support", _("Help with Dutch at work")


class Sector(models.TextChoices):
    LOGISTICS = "logistics", _("Logistics and transport")
    RETAIL = "retail", _("Retail")
    HOSPITALITY = "hospitality", _("Hospitality and kitchen")
    CARE = "care", _("Care and welfare")
    CONSTRUCTION = "construction", _("Construction")
    METAL = "metal", _("Metal and technology")
    HORTICULTURE = "horticulture", _("Horticulture and green spaces")
    CLEANING = "cleaning", _("Cleaning")
    OFFICE = "office", _("Office and administration")
    FOOD = "food", _("Food industry and bakery")
    AUTOMOTIVE = "automotive", _("Car and bike repair")
    HAIR_BEAUTY = "hair_beauty", _("Hair and beauty")


class TravelMode(models.TextChoices):
    """The same values as `werkbrug.geo.Mode`, with labels for people."""

    WALK = "walk", _("On foot")
    BIKE = "bike", _("Bike")
    MOPED = "moped", _("Moped")
    PUBLIC_TRANSPORT = "public_transport", _("Bus or train")
    CAR = "car", _("Car")


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class Shift(models.TextChoices):
    DAY = "day", _("Day shift")
    EARLY_LATE = "early_late", _("Early and late shifts")
    NIGHT = "night", _("Night shift")
    WEEKEND = "weekend", _("Weekends")
