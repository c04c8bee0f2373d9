"""The department database: districts, neighborhoods, people, partners, rules, plans, walks,
incidents, walk logs with photos, and monthly outcome measures.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "districts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("timezone", sa.String(), nullable=False),
        sa.Column("week_start", sa.Integer(), nullable=False),
        sa.Column("walk_start", sa.Time(), nullable=False),
        sa.Column("walk_end", sa.Time(), nullable=False),
        sa.Column("workdays", sa.String(), nullable=False),
        sa.Column("max_walking_per_squad", sa.Integer(), nullable=False),
        sa.Column("walk_call_type", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("max_walking_per_squad >= 1", name=op.f("ck_districts_max_walking")),
        sa.CheckConstraint("walk_start < walk_end", name=op.f("ck_districts_walk_hours")),
        sa.CheckConstraint("week_start BETWEEN 0 AND 6", name=op.f("ck_districts_week_start")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_districts")),
        sa.UniqueConstraint("name", name=op.f("uq_districts_name")),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("address", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name=op.f("fk_incidents_district_id_districts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("district_id", "external_id", name=op.f("uq_incidents_district_id_external_id")),
    )
    op.create_table(
        "neighborhoods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("boundary_geojson", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name=op.f("fk_neighborhoods_district_id_districts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_neighborhoods")),
        sa.UniqueConstraint("district_id", name=op.f("uq_neighborhoods_district_id")),
    )
    op.create_table(
        "outcome_measures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("partnerships", sa.Integer(), nullable=False),
        sa.Column("tips", sa.Integer(), nullable=False),
        sa.Column("complaints", sa.Integer(), nullable=False),
        sa.Column("survey_responses", sa.Integer(), nullable=True),
        sa.Column("survey_feel_safe", sa.Double(), nullable=True),
        sa.Column("survey_trust", sa.Double(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "partnerships >= 0 AND tips >= 0 AND complaints >= 0", name=op.f("ck_outcome_measures_counts")
        ),
        sa.CheckConstraint("survey_feel_safe BETWEEN 0 AND 1", name=op.f("ck_outcome_measures_feel_safe")),
        sa.CheckConstraint("survey_trust BETWEEN 0 AND 1", name=op.f("ck_outcome_measures_trust")),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name=op.f("fk_outcome_measures_district_id_districts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_measures")),
        sa.UniqueConstraint("district_id", "month", name=op.f("uq_outcome_measures_district_id_month")),
    )
    op.create_table(
        "partners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("organization", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name=op.f("fk_partners_district_id_districts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partners")),
    )
    op.create_index(op.f("ix_partners_district_id"), "partners", ["district_id"])
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("rank", sa.String(length=20), nullable=False),
        sa.Column("unit", sa.String(length=30), nullable=False),
        sa.Column("responsible", sa.Boolean(), nullable=False),
        sa.Column("squad", sa.String(), nullable=False),
        sa.Column("shift_start", sa.Time(), nullable=False),
        sa.Column("shift_hours", sa.Double(), nullable=False),
        sa.Column("workdays", sa.String(), nullable=False),
        sa.Column("rotation", sa.String(), nullable=False),
        sa.Column("rotation_start", sa.Date(), nullable=True),
        sa.Column("engagement", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("engagement IN ('natural', 'developing', '')", name=op.f("ck_people_engagement")),
        sa.CheckConstraint(
            "rank IN ('officer', 'detective', 'sergeant', 'lieutenant', "
            "'captain', 'commander', 'chief', 'civilian')",
            name=op.f("ck_people_rank"),
        ),
        sa.CheckConstraint(
            "unit IN ('patrol', 'investigations', 'community_policing', "
            "'specialized', 'support', 'administration')",
            name=op.f("ck_people_unit"),
        ),
        sa.CheckConstraint("shift_hours > 0 AND shift_hours <= 24", name=op.f("ck_people_shift_hours")),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name=op.f("fk_people_district_id_districts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("district_id", "external_id", name=op.f("uq_people_district_id_external_id")),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("timezone", sa.String(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=False),
        sa.CheckConstraint("status IN ('draft', 'published')", name=op.f("ck_plans_status")),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name=op.f("fk_plans_district_id_districts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
        sa.UniqueConstraint("district_id", "month", name=op.f("uq_plans_district_id_month")),
    )
    op.create_table(
        "walk_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("minimum", sa.Integer(), nullable=False),
        sa.Column("per", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "per IN ('work_week', 'month', 'workday', 'incident')", name=op.f("ck_walk_types_per")
        ),
        sa.CheckConstraint("minimum >= 0", name=op.f("ck_walk_types_minimum")),
        sa.CheckConstraint("minutes >= 1", name=op.f("ck_walk_types_minutes")),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["districts.id"],
            name=op.f("fk_walk_types_district_id_districts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walk_types")),
        sa.UniqueConstraint("district_id", "key", name=op.f("uq_walk_types_district_id_key")),
    )
    op.create_table(
        "community_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("neighborhood_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["neighborhood_id"],
            ["neighborhoods.id"],
            name=op.f("fk_community_events_neighborhood_id_neighborhoods"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community_events")),
    )
    op.create_index(op.f("ix_community_events_neighborhood_id"), "community_events", ["neighborhood_id"])
    op.create_table(
        "community_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("neighborhood_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("contact", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["neighborhood_id"],
            ["neighborhoods.id"],
            name=op.f("fk_community_groups_neighborhood_id_neighborhoods"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community_groups")),
    )
    op.create_index(op.f("ix_community_groups_neighborhood_id"), "community_groups", ["neighborhood_id"])
    op.create_table(
        "community_resources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("neighborhood_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["neighborhood_id"],
            ["neighborhoods.id"],
            name=op.f("fk_community_resources_neighborhood_id_neighborhoods"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community_resources")),
    )
    op.create_index(
        op.f("ix_community_resources_neighborhood_id"), "community_resources", ["neighborhood_id"]
    )
    op.create_table(
        "leave_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.CheckConstraint("first_day <= last_day", name=op.f("ck_leave_periods_order")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_leave_periods_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leave_periods")),
    )
    op.create_index(op.f("ix_leave_periods_person_id"), "leave_periods", ["person_id"])
    op.create_table(
        "places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("neighborhood_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint("kind IN ('landmark', 'meeting_point')", name=op.f("ck_places_kind")),
        sa.ForeignKeyConstraint(
            ["neighborhood_id"],
            ["neighborhoods.id"],
            name=op.f("fk_places_neighborhood_id_neighborhoods"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
    )
    op.create_index(op.f("ix_places_neighborhood_id"), "places", ["neighborhood_id"])
    op.create_table(
        "plan_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_changes_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_changes")),
    )
    op.create_index(op.f("ix_plan_changes_plan_id"), "plan_changes", ["plan_id"])
    op.create_table(
        "sectors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("neighborhood_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("boundary_geojson", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["neighborhood_id"],
            ["neighborhoods.id"],
            name=op.f("fk_sectors_neighborhood_id_neighborhoods"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sectors")),
        sa.UniqueConstraint("neighborhood_id", "name", name=op.f("uq_sectors_neighborhood_id_name")),
    )
    op.create_table(
        "shortfalls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("period", sa.String(), nullable=False),
        sa.Column("required", sa.Integer(), nullable=False),
        sa.Column("planned", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_shortfalls_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shortfalls")),
    )
    op.create_index(op.f("ix_shortfalls_plan_id"), "shortfalls", ["plan_id"])
    op.create_table(
        "walk_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("walk_type_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("ranks", sa.String(), nullable=False),
        sa.Column("units", sa.String(), nullable=False),
        sa.Column("exclude_units", sa.String(), nullable=False),
        sa.Column("responsible", sa.Boolean(), nullable=False),
        sa.CheckConstraint("count >= 1", name=op.f("ck_walk_roles_count")),
        sa.ForeignKeyConstraint(
            ["walk_type_id"],
            ["walk_types.id"],
            name=op.f("fk_walk_roles_walk_type_id_walk_types"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walk_roles")),
    )
    op.create_index(op.f("ix_walk_roles_walk_type_id"), "walk_roles", ["walk_type_id"])
    op.create_table(
        "walks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("coordinator_id", sa.Integer(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("source IN ('solver', 'manual', 'post_incident')", name=op.f("ck_walks_source")),
        sa.CheckConstraint("minutes >= 1", name=op.f("ck_walks_minutes")),
        sa.ForeignKeyConstraint(
            ["coordinator_id"], ["people.id"], name=op.f("fk_walks_coordinator_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_walks_incident_id_incidents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_walks_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walks")),
        sa.UniqueConstraint("plan_id", "key", name=op.f("uq_walks_plan_id_key")),
    )
    op.create_index(op.f("ix_walks_coordinator_id"), "walks", ["coordinator_id"])
    op.create_index(op.f("ix_walks_incident_id"), "walks", ["incident_id"])
    op.create_table(
        "walk_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("walk_id", sa.Integer(), nullable=True),
        sa.Column("cad_number", sa.String(), nullable=False),
        sa.Column("call_type", sa.String(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("walk_type", sa.String(), nullable=True),
        sa.Column("residents_contacted", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("minutes >= 0", name=op.f("ck_walk_logs_minutes")),
        sa.CheckConstraint("residents_contacted >= 0", name=op.f("ck_walk_logs_residents")),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name=op.f("fk_walk_logs_district_id_districts")
        ),
        sa.ForeignKeyConstraint(
            ["walk_id"], ["walks.id"], name=op.f("fk_walk_logs_walk_id_walks"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walk_logs")),
        sa.UniqueConstraint("district_id", "cad_number", name=op.f("uq_walk_logs_district_id_cad_number")),
    )
    op.create_index("ix_walk_logs_district_id_started_at", "walk_logs", ["district_id", "started_at"])
    op.create_index(op.f("ix_walk_logs_walk_id"), "walk_logs", ["walk_id"])
    op.create_table(
        "walk_participants",
        sa.Column("walk_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_walk_participants_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["walk_id"], ["walks.id"], name=op.f("fk_walk_participants_walk_id_walks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("walk_id", "person_id", name=op.f("pk_walk_participants")),
    )
    op.create_index(op.f("ix_walk_participants_person_id"), "walk_participants", ["person_id"])
    op.create_table(
        "walk_partners",
        sa.Column("walk_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partners.id"], name=op.f("fk_walk_partners_partner_id_partners")
        ),
        sa.ForeignKeyConstraint(
            ["walk_id"], ["walks.id"], name=op.f("fk_walk_partners_walk_id_walks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("walk_id", "partner_id", name=op.f("pk_walk_partners")),
    )
    op.create_index(op.f("ix_walk_partners_partner_id"), "walk_partners", ["partner_id"])
    op.create_table(
        "photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(), nullable=False),
        sa.Column("media_type", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["log_id"], ["walk_logs.id"], name=op.f("fk_photos_log_id_walk_logs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_photos")),
    )
    op.create_index(op.f("ix_photos_log_id"), "photos", ["log_id"])
    op.create_table(
        "walk_log_participants",
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["log_id"],
            ["walk_logs.id"],
            name=op.f("fk_walk_log_participants_log_id_walk_logs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_walk_log_participants_person_id_people")
        ),
        sa.PrimaryKeyConstraint("log_id", "person_id", name=op.f("pk_walk_log_participants")),
    )
    op.create_index(op.f("ix_walk_log_participants_person_id"), "walk_log_participants", ["person_id"])


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_walk_log_participants_person_id"), table_name="walk_log_participants")
    op.drop_table("walk_log_participants")
    op.drop_index(op.f("ix_photos_log_id"), table_name="photos")
    op.drop_table("photos")
    op.drop_index(op.f("ix_walk_partners_partner_id"), table_name="walk_partners")
    op.drop_table("walk_partners")
    op.drop_index(op.f("ix_walk_participants_person_id"), table_name="walk_participants")
    op.drop_table("walk_participants")
    op.drop_index(op.f("ix_walk_logs_walk_id"), table_name="walk_logs")
    op.drop_index("ix_walk_logs_district_id_started_at", table_name="walk_logs")
    op.drop_table("walk_logs")
    op.drop_index(op.f("ix_walks_incident_id"), table_name="walks")
    op.drop_index(op.f("ix_walks_coordinator_id"), table_name="walks")
    op.drop_table("walks")
    op.drop_index(op.f("ix_walk_roles_walk_type_id"), table_name="walk_roles")
    op.drop_table("walk_roles")
    op.drop_index(op.f("ix_shortfalls_plan_id"), table_name="shortfalls")
    op.drop_table("shortfalls")
    op.drop_table("sectors")
    op.drop_index(op.f("ix_plan_changes_plan_id"), table_name="plan_changes")
    op.drop_table("plan_changes")
    op.drop_index(op.f("ix_places_neighborhood_id"), table_name="places")
    op.drop_table("places")
    op.drop_index(op.f("ix_leave_periods_person_id"), table_name="leave_periods")
    op.drop_table("leave_periods")
    op.drop_index(op.f("ix_community_resources_neighborhood_id"), table_name="community_resources")
    op.drop_table("community_resources")
    op.drop_index(op.f("ix_community_groups_neighborhood_id"), table_name="community_groups")
    op.drop_table("community_groups")
    op.drop_index(op.f("ix_community_events_neighborhood_id"), table_name="community_events")
    op.drop_table("community_events")
    op.drop_table("walk_types")
    op.drop_table("plans")
    op.drop_table("people")
    op.drop_index(op.f("ix_partners_district_id"), table_name="partners")
    op.drop_table("partners")
    op.drop_table("outcome_measures")
    op.drop_table("neighborhoods")
    op.drop_table("incidents")
    op.drop_table("districts")
