"""An index for finding people by a piece of a name (`GET /api/people?q=...`, the search page):
`entity_name_parts` holds every ending of every name form's key (from each character on, at
least three characters long), so "the key contains q" is "some ending begins with q", a range
of the index on `part`, instead of a scan of every name.

Triggers keep the parts in step with `entity_names`, whoever writes it (resolution, a bench's
generator): an inserted name adds its endings, a deleted one takes them away, a changed key or
entity replaces them. Names already stored get theirs here.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: The longest key whose every ending is indexed (a key longer is found by its first endings only).
MAX_POSITION = 300
#: The shortest ending kept: shorter queries look up the beginnings of keys (entity_names.key).
SHORTEST = 3

INSERT = "INSERT INTO entity_name_parts (name_id, entity_id, part, at_start) "


def endings(dialect: str, row: str, *, whole: bool = False) -> str:
    """SELECT the parts of the name row `row` (NEW in a trigger, entity_names when filling): one
    per starting position n (SQLite counts through a JSON array: its triggers take no CTE);
    `whole` (migration 0007): the whole key too, however short."""
    if dialect == "postgresql":
        positions = f"generate_series(1, least(length({row}.key) - {SHORTEST - 1}, {MAX_POSITION})) AS p(n)"
        if whole:
            positions = f"generate_series(1, greatest(1, least(length({row}.key) - {SHORTEST - 1}, {MAX_POSITION}))) AS p(n)"
        source = f"entity_names CROSS JOIN {positions}" if row == "entity_names" else positions
        n = "p.n"
    else:
        numbers = "json_each('[" + ",".join(str(i) for i in range(1, MAX_POSITION + 1)) + "]') AS p"
        source = f"entity_names JOIN {numbers} ON 1 = 1" if row == "entity_names" else numbers
        n = "p.value"
    kept = f"{n} <= length({row}.key) - {SHORTEST - 1}"
    if whole:
        kept = f"({kept} OR ({n} = 1 AND length({row}.key) > 0))"
    return (f"SELECT {row}.id, {row}.entity_id, substr({row}.key, {n}), CASE WHEN {n} = 1 THEN 1 ELSE 0 END "
            f"FROM {source} WHERE {kept}")


def sqlite_triggers(*, whole: bool = False) -> tuple[str, ...]:
    return (
        f"CREATE TRIGGER tr_entity_names_parts_insert AFTER INSERT ON entity_names BEGIN "
        f"{INSERT}{endings('sqlite', 'NEW', whole=whole)}; END",
        f"CREATE TRIGGER tr_entity_names_parts_update AFTER UPDATE OF key, entity_id ON entity_names BEGIN "
        f"DELETE FROM entity_name_parts WHERE name_id = OLD.id; {INSERT}{endings('sqlite', 'NEW', whole=whole)}; END",
        "CREATE TRIGGER tr_entity_names_parts_delete AFTER DELETE ON entity_names BEGIN "
        "DELETE FROM entity_name_parts WHERE name_id = OLD.id; END",
    )


def postgres_triggers(*, whole: bool = False) -> tuple[str, ...]:
    return (
        "CREATE FUNCTION entity_name_parts_follow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP <> 'INSERT' THEN DELETE FROM entity_name_parts WHERE name_id = OLD.id; END IF; "
        f"IF TG_OP <> 'DELETE' THEN {INSERT}{endings('postgresql', 'NEW', whole=whole)}; END IF; "
        "RETURN NULL; END $$",
        "CREATE TRIGGER tr_entity_names_parts AFTER INSERT OR DELETE OR UPDATE OF key, entity_id ON entity_names "
        "FOR EACH ROW EXECUTE FUNCTION entity_name_parts_follow()",
    )


def upgrade() -> None:
    op.create_table(
        "entity_name_parts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.Text().with_variant(sa.Text(collation="C"), "postgresql"), nullable=False),
        sa.Column("at_start", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_name_parts")),
    )
    op.create_index(op.f("ix_entity_name_parts_part_entity_id_at_start"), "entity_name_parts",
                    ["part", "entity_id", "at_start"])
    op.create_index(op.f("ix_entity_name_parts_name_id"), "entity_name_parts", ["name_id"])
    dialect = op.get_bind().dialect.name
    op.execute(INSERT + endings(dialect, "entity_names"))
    for statement in (postgres_triggers() if dialect == "postgresql" else sqlite_triggers()):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER tr_entity_names_parts ON entity_names")
        op.execute("DROP FUNCTION entity_name_parts_follow()")
    else:
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER tr_entity_names_parts_{name}")
    op.drop_index(op.f("ix_entity_name_parts_name_id"), table_name="entity_name_parts")
    op.drop_index(op.f("ix_entity_name_parts_part_entity_id_at_start"), table_name="entity_name_parts")
    op.drop_table("entity_name_parts")
