"""One national PostgreSQL: registry tables partitioned by province against plain ones, same data and queries.

    python -m bench.partition_bench [--households 10000000] [--members 3.7] [--stored-members 1] [--rounds 5]

Creates and migrates the database gn_partbench (the app's DDL of `registry_household` and `registry_member`
lands in `public`), then builds two layouts with those columns and indexes: `flat` (plain tables) and `part`
(`PARTITION BY LIST (province_id)`, one partition per province; keys gain `province_id`, members carry it).
Fills `flat` with synthetic households over 34 provinces of skewed size (generate_series, Vietnamese name
pools, --seed), copies it into `part`, indexes, VACUUM ANALYZE. Then times, alternating, best of --rounds, jit
off as the app sets it: the list page, the name search (capped count, page), the annual run's COPY of a
province's households and members, a national aggregate, and once each the annual run's UPDATE of a
province and removing a province (DELETE / DETACH, rolled back); records each query's plan. `search_names`
holds --members names per household on average; `registry_member` stores each household's first
--stored-members (disk) with the indexes the reads use. Results: bench/results/partition-<households>.json,
.md; the database is dropped unless --keep.
"""

# ruff: noqa: S608 — every SQL string is built from this file's constants and integers

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import psycopg

RESULTS = Path(__file__).parent / "results"
ROOT = Path(__file__).parent.parent
DATABASE = "gn_partbench"
TABLES = ("registry_household", "registry_member")
HOUSEHOLD_COLUMNS = (
    "id, code, address, residence, registered_on, status, head_name, search_name, is_ethnic_minority, "
    "has_merit_member, latest_category, is_active, closed_on, closed_reason, version, created_at, "
    "updated_at, commune_id, latest_assessment_id, province_id, village_id, search_names"
)

QUIET = Path("/tmp/quiet.lock")  # noqa: S108 — the machine's agreed lock file
BLOCK = 250  # households imported together (a village's file): the flat table interleaves provinces by block
SURNAME_SHARES = (  # per mille, accent-free as the search keys are
    "nguyen:380 tran:110 le:95 pham:70 phan:45 hoang:30 dang:21 huynh:20 vu:20 bui:20 vo:19 truong:15 do:14 "
    "ho:13 ngo:13 dinh:12 duong:10 doan:10 lam:8 mai:8 trinh:8 cao:7 luong:7 ha:6 ly:5 lo:5 sung:4 giang:4 "
    "la:4 kim:3 quach:3 ta:3 vi:3"
)
SURNAMES = {name: int(share) for name, _, share in (pair.partition(":") for pair in SURNAME_SHARES.split())}
MIDDLE_MALE = {"van": 450, "duc": 90, "minh": 90, "huu": 80, "thanh": 80, "quang": 70, "xuan": 50, "cong": 50}
MIDDLE_FEMALE = {"thi": 620, "ngoc": 90, "thu": 70, "kim": 50, "thanh": 50, "hong": 50, "my": 40, "bich": 30}
GIVEN_WORDS = (
    "an anh binh chau chi cuong dung dat diep duc giang ha hai hanh hien hieu hoa hong hung huong huy khanh "
    "lan linh loan long mai minh nam nga ngoc nhung phong phuc phuong quan quynh son tam thang thanh thao "
    "thu thuy tien trang trung tuan tung van vinh yen"
)
HOUSEHOLD_SQL = f"""
INSERT INTO flat.registry_household ({HOUSEHOLD_COLUMNS})
SELECT id, lpad(commune_id::text, 5, '0') || '-' || lpad(no::text, 7, '0'), 'Thôn ' || (1 + village),
       'permanent', date '2024-01-01', status, initcap(name), name, gen.h(id, 9) < 150, gen.h(id, 10) < 30,
       status, active, CASE WHEN NOT active THEN date '2025-06-30' END, CASE WHEN NOT active THEN 'moved'
       ELSE '' END, 1, timestamptz '2026-11-22 00:00+07', timestamptz '2026-11-22 00:00+07', commune_id, NULL,
       province_id, commune_id * 100 + village,
       name || '|' || (SELECT string_agg(gen.name(id, n), '|' ORDER BY n)
                       FROM generate_series(1, gen.size(id)) n)
FROM (
    SELECT b.start_id + g - 1 AS id, b.first_no + g - 1 AS no, b.commune_id, b.province_id,
           gen.name(b.start_id + g - 1, 1) AS name, gen.h(b.start_id + g - 1, 11) % 12 AS village,
           gen.h(b.start_id + g - 1, 8) >= 10 AS active,
           CASE WHEN gen.h(b.start_id + g - 1, 7) < 40 THEN 'poor'
                WHEN gen.h(b.start_id + g - 1, 7) < 90 THEN 'near_poor' ELSE 'none' END AS status
    FROM gen.block b, generate_series(1, b.n) g
) x"""
MEMBER_INDEXES = ("registry_member_pkey", "member_unique_number", "registry_member_household_id")
MEMBER_SQL = """
INSERT INTO flat.registry_member (id, member_no, full_name, search_name, personal_id, birth_date, birth_year,
    sex, ethnicity, relation, has_merit, is_active, left_on, left_reason, created_at, updated_at,
    household_id, version)
SELECT (h.id - 1) * 8 + n, n, initcap(gen.name(h.id, n)), gen.name(h.id, n), '',
       make_date(born, 1 + gen.h(h.id * 16 + n, 13) % 12, 1 + gen.h(h.id * 16 + n, 14) % 28), born,
       CASE WHEN gen.male(h.id, n) THEN 'male' ELSE 'female' END,
       CASE WHEN h.is_ethnic_minority THEN lpad((2 + gen.h(h.id, 15) % 20)::text, 2, '0') ELSE '01' END,
       CASE n WHEN 1 THEN 'head' WHEN 2 THEN 'spouse' ELSE 'child' END, false, true, NULL, '',
       h.created_at, h.created_at, h.id, 1
FROM flat.registry_household h, generate_series(1, least(gen.size(h.id), {stored})) n,
     LATERAL (SELECT CASE WHEN n <= 2 THEN 1950 + gen.h(h.id * 16 + n, 12) % 50
                          ELSE 1985 + gen.h(h.id * 16 + n, 12) % 38 END AS born) b"""


def wait_for_quiet() -> None:
    """Wait while the load test holds /tmp/quiet.lock (the machine's CPU is shared)."""
    while QUIET.exists():
        print("waiting for /tmp/quiet.lock to go", flush=True)
        time.sleep(30)


def _picker(weights: dict[str, int]) -> tuple[str, str]:
    """(SQL array of names, SQL array of cumulative per-mille lower bounds) for width_bucket."""
    names = list(weights)
    shares = np.array([weights[name] for name in names], dtype=float)
    bounds = np.concatenate([[0], np.floor(np.cumsum(shares / shares.sum() * 1000))[:-1]]).astype(int)
    return "ARRAY[" + ",".join(f"'{name}'" for name in names) + "]", f"ARRAY[{','.join(map(str, bounds))}]"


def _sizes(mean: float) -> str:
    """Cumulative per-mille bounds of 1..8 members, a bell around mu chosen so the mean is `mean`."""
    members = np.arange(1, 9)

    def shares(mu: float) -> np.ndarray:
        weights = np.exp(-((members - mu) ** 2) / (2 * 1.7**2))
        return weights / weights.sum()

    low, high = -5.0, 12.0
    for _ in range(60):
        mu = (low + high) / 2
        low, high = (mu, high) if (shares(mu) * members).sum() < mean else (low, mu)
    bounds = np.concatenate([[0], np.round(np.cumsum(shares(mu)) * 1000)[:-1]]).astype(int)
    return f"ARRAY[{','.join(map(str, bounds))}]"


def generator_sql(seed: int, mean_members: float) -> list[str]:
    """The block table and the seeded hash functions the generating INSERTs call (all inlinable SQL)."""
    surnames, surname_bounds = _picker(SURNAMES)
    males, male_bounds = _picker(MIDDLE_MALE)
    females, female_bounds = _picker(MIDDLE_FEMALE)
    names = GIVEN_WORDS.split()
    given = "ARRAY[" + ",".join(f"'{name}'" for name in names) + "]"
    return [
        "CREATE TABLE gen.block (start_id bigint, n int, first_no int, commune_id bigint, province_id int)",
        "CREATE FUNCTION gen.h(key bigint, salt int) RETURNS int IMMUTABLE LANGUAGE sql AS "
        f"$$ SELECT ((hashint8extended(key, {seed} * 100 + salt) % 1000 + 1000) % 1000)::int $$",
        "CREATE FUNCTION gen.size(household bigint) RETURNS int IMMUTABLE LANGUAGE sql AS "
        f"$$ SELECT width_bucket(gen.h(household, 1), {_sizes(mean_members)}::int[]) $$",
        "CREATE FUNCTION gen.male(household bigint, no int) RETURNS boolean IMMUTABLE LANGUAGE sql AS "
        "$$ SELECT gen.h(household * 16 + no, 3) < CASE no WHEN 1 THEN 750 WHEN 2 THEN 250 ELSE 500 END $$",
        "CREATE FUNCTION gen.name(household bigint, no int) RETURNS text IMMUTABLE LANGUAGE sql AS $$ SELECT "
        f"({surnames})[width_bucket(gen.h(household * 16 + CASE WHEN no = 2 THEN 2 ELSE 1 END, 2), "
        f"{surname_bounds}::int[])] || ' ' || CASE WHEN gen.male(household, no) "
        f"THEN ({males})[width_bucket(gen.h(household * 16 + no, 4), {male_bounds}::int[])] "
        f"ELSE ({females})[width_bucket(gen.h(household * 16 + no, 4), {female_bounds}::int[])] END "
        f"|| ' ' || ({given})[1 + gen.h(household * 16 + no, 5) % {len(names)}] $$",
    ]


def layout_blocks(households: int, seed: int) -> tuple[list[tuple[int, int, int, int, int]], dict[int, int]]:
    """Blocks (start_id, n, first_no, commune_id, province_id) in a shuffled national order, province sizes.

    34 provinces of sizes falling as rank^-0.82 (largest ~18 % of the nation, smallest ~1 %), ~3,300
    communes shared in proportion (at least 20 each), communes of uneven size; ids of a province's
    communes are consecutive (as the administrative units are loaded), households come in blocks of 250.
    """
    rng = np.random.default_rng(seed)
    weights = np.arange(1, 35) ** -0.82
    sizes = np.floor(weights / weights.sum() * households).astype(int)
    sizes[0] += households - sizes.sum()
    province_ids = rng.permutation(34) + 1
    blocks = []
    commune_id = 1000
    provinces = {}
    for province, size in zip(province_ids, sizes, strict=True):
        provinces[int(province)] = int(size)
        communes = max(20, round(3300 * size / households))
        share = rng.lognormal(0, 0.5, communes)
        counts = rng.multinomial(size, share / share.sum())
        for count in counts:
            commune_id += 1
            for first in range(0, int(count), BLOCK):
                blocks.append((min(BLOCK, int(count) - first), first + 1, commune_id, int(province)))
    order = rng.permutation(len(blocks))
    starts = np.cumsum([1] + [blocks[index][0] for index in order])
    return [(int(starts[k]), *blocks[index]) for k, index in enumerate(order)], provinces


def _admin(url: str, statement: str) -> None:
    with psycopg.connect(f"{url}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def _migrate(url: str) -> None:
    environment = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "SECRET_KEY": "bench-only-not-secret"}
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    command = [sys.executable, "manage.py", "migrate", "--verbosity", "0"]
    subprocess.run(command, env=environment, cwd=ROOT, check=True)  # noqa: S603


def _create_layouts(connection: psycopg.Connection, provinces: list[int]) -> dict[str, list[str]]:
    """Both schemas' tables (no indexes yet); returns the index statements of each layout."""
    statements: dict[str, list[str]] = {"flat": [], "part": []}
    for schema in ("flat", "part"):
        connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")
    for table in TABLES:
        like = f"(LIKE public.{table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
        connection.execute(f"CREATE TABLE flat.{table} {like})")
        extra = ", province_id bigint NOT NULL" if table == "registry_member" else ""
        connection.execute(f"CREATE TABLE part.{table} {like}{extra}) PARTITION BY LIST (province_id)")
        for province in provinces:
            connection.execute(
                f"CREATE TABLE part.{table}_p{province} PARTITION OF part.{table} FOR VALUES IN ({province})"
            )
        for name, definition, unique in connection.execute(  # the app's own indexes and keys
            "SELECT i.relname, pg_get_indexdef(x.indexrelid), x.indisunique FROM pg_index x JOIN pg_class i "
            "ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass ORDER BY 1",
            (f"public.{table}",),
        ):
            if table == "registry_member" and not name.startswith(MEMBER_INDEXES):
                continue
            flat = definition.replace(f"ON public.{table} ", f"ON flat.{table} ")
            statements["flat"].append(flat)
            part = definition.replace(f"ON public.{table} ", f"ON part.{table} ")
            if unique:  # a unique key of a partitioned table must contain the partition key
                head, _, tail = part.partition(" (")
                columns, _, where = tail.partition(")")
                part = f"{head} ({columns}, province_id){where}"
            statements["part"].append(part)
    return statements


def _size(connection: psycopg.Connection, schema: str) -> dict[str, float]:
    sizes = {}
    for table in TABLES:
        heap, total = connection.execute(
            "SELECT sum(pg_relation_size(c.oid)), sum(pg_total_relation_size(c.oid)) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'r' "
            "AND (c.relname = %s OR c.relname LIKE %s)",
            (schema, table, f"{table}\\_p%"),
        ).fetchone()
        sizes[f"{table} heap GB"] = round(int(heap) / 1e9, 2)
        sizes[f"{table} total GB"] = round(int(total) / 1e9, 2)
    return sizes


def _fill(connection: psycopg.Connection, args: argparse.Namespace, log: dict) -> dict:
    """Generate `flat`, copy into `part`, index both, VACUUM ANALYZE; times and sizes into `log`."""
    blocks, provinces = layout_blocks(args.households, args.seed)
    statements = _create_layouts(connection, sorted(provinces))
    connection.execute("DROP SCHEMA IF EXISTS gen CASCADE; CREATE SCHEMA gen")
    connection.execute("; ".join(generator_sql(args.seed, args.members)))
    with connection.cursor().copy("COPY gen.block FROM STDIN") as copy:
        for row in blocks:
            copy.write_row(row)
    connection.execute("SET maintenance_work_mem = '1GB'; SET work_mem = '512MB'")

    def step(name: str, *sql: str) -> None:
        wait_for_quiet()
        started = time.perf_counter()
        for statement in sql:
            connection.execute(statement)
        log[name] = round(time.perf_counter() - started, 1)
        print(f"{name}: {log[name]} s", flush=True)

    step("generate flat households (s)", HOUSEHOLD_SQL)
    step("generate flat members (s)", MEMBER_SQL.format(stored=int(args.stored_members)))
    copy_households = "INSERT INTO part.registry_household SELECT * FROM flat.registry_household"
    step("copy into part households (s)", copy_households)
    copy_members = "INSERT INTO part.registry_member SELECT m.*, h.province_id FROM flat.registry_member m"
    join = "JOIN flat.registry_household h ON h.id = m.household_id"
    step("copy into part members (s)", f"{copy_members} {join}")
    for schema in ("flat", "part"):
        step(f"indexes {schema} (s)", *statements[schema])
    for schema in ("flat", "part"):
        step(f"vacuum analyze {schema} (s)", *(f"VACUUM ANALYZE {schema}.{table}" for table in TABLES))
    connection.execute("RESET maintenance_work_mem; RESET work_mem; DROP SCHEMA gen CASCADE")
    return provinces


def _queries(schema: str, big: int, small: int, commune: int) -> dict[str, tuple[str, str]]:
    """name -> (kind, SQL) of what the app sends; kind `rows` fetches, `copy` streams a COPY out."""
    households = f"{schema}.registry_household"
    members = f"{schema}.registry_member"
    page = f"SELECT {HOUSEHOLD_COLUMNS} FROM {households} WHERE"
    order = "ORDER BY commune_id, code LIMIT 50"
    in_commune = f"commune_id = {commune}"
    pruned = f"commune_id = {commune} AND province_id = {big}"

    def search(scope: str, key: str) -> str:
        return f"{scope} AND is_active AND (code = '{key}' OR search_names LIKE '%{key}%')"

    def count(where: str) -> str:
        return f"SELECT count(*) FROM (SELECT 1 FROM {households} WHERE {where} LIMIT 1001) capped"

    def copy_households(province: int) -> str:
        return (
            "SELECT h.id, h.code, h.commune_id, h.latest_assessment_id, h.latest_category, h.status, "
            f"h.is_ethnic_minority::int, h.has_merit_member::int FROM {households} h "
            f"WHERE h.province_id = {province} AND h.is_active ORDER BY h.id"
        )

    def copy_members(province: int) -> str:
        prune = f" AND m.province_id = {province}" if schema == "part" else ""
        join = " AND h.province_id = m.province_id" if schema == "part" else ""
        return (
            "SELECT m.household_id, m.member_no, m.full_name, m.birth_date, m.birth_year, m.sex, m.relation, "
            f"m.ethnicity FROM {members} m JOIN {households} h ON h.id = m.household_id{join} "
            f"WHERE h.province_id = {province} AND h.is_active AND m.is_active{prune}"
        )

    queries = {
        "list: province, first page": ("rows", f"{page} province_id = {big} AND is_active {order}"),
        "list: province, offset 5000": (
            "rows",
            f"{page} province_id = {big} AND is_active {order} OFFSET 5000",
        ),
        "list: commune (scope as the app sends it)": ("rows", f"{page} {in_commune} AND is_active {order}"),
        "list: commune + its province_id": ("rows", f"{page} {pruned} AND is_active {order}"),
    }
    for key in ("nguyen van", "tran thi an"):
        for label, scope in (
            ("province", f"province_id = {big}"),
            ("commune", in_commune),
            ("commune + province_id", pruned),
        ):
            queries[f"search '{key}' in {label}: count ≤ 1,001"] = ("rows", count(search(scope, key)))
            queries[f"search '{key}' in {label}: page"] = ("rows", f"{page} {search(scope, key)} {order}")
    for label, province in (("largest", big), ("smallest", small)):
        queries[f"annual read, {label} province: households"] = ("copy", copy_households(province))
        queries[f"annual read, {label} province: members"] = ("copy", copy_members(province))
    queries["national: households by province and status"] = (
        "rows",
        f"SELECT province_id, status, count(*) FROM {households} WHERE is_active GROUP BY 1, 2",
    )
    return queries


def _run(connection: psycopg.Connection, kind: str, sql: str) -> int:
    """Run one query to the end; the number of rows it gave."""
    if kind == "copy":
        rows = 0
        with connection.cursor().copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy:
            for chunk in copy:
                rows += bytes(chunk).count(b"\n")
        return rows
    return len(connection.execute(sql).fetchall())


def _plan(connection: psycopg.Connection, sql: str) -> str:
    """The plan's nodes, outermost first, with each scan's index (a partition's as _pN), counted."""
    nodes: Counter[str] = Counter()
    pending = [connection.execute(f"EXPLAIN (FORMAT JSON) {sql}").fetchone()[0][0]["Plan"]]
    while pending:
        node = pending.pop(0)
        index = re.sub(r"_p\d+_", "_pN_", f" {node['Index Name']}") if "Index Name" in node else ""
        nodes[node["Node Type"] + index] += 1
        pending.extend(node.get("Plans", []))
    return " > ".join(name if count == 1 else f"{name} ×{count}" for name, count in nodes.items())


def _measure(connection: psycopg.Connection, provinces: dict[int, int], rounds: int) -> dict:
    """Best of `rounds` per query and layout, flat and part alternating within each round."""
    connection.execute("SET jit = off")
    ranked = sorted(provinces, key=provinces.get)
    big, small, middle = ranked[-1], ranked[0], ranked[len(ranked) // 2]
    communes = "SELECT commune_id FROM flat.registry_household WHERE province_id = %s GROUP BY 1"
    commune = connection.execute(
        f"{communes} ORDER BY count(*) DESC, 1 LIMIT 1 OFFSET 10", (big,)
    ).fetchone()[0]
    layouts = {schema: _queries(schema, big, small, commune) for schema in ("flat", "part")}
    best: dict[str, dict[str, float]] = {name: {} for name in layouts["flat"]}
    rows: dict[str, int] = {}
    for number in range(rounds):
        wait_for_quiet()
        print(f"round {number + 1}/{rounds}", flush=True)
        for name, pair in best.items():
            for schema in ("flat", "part") if number % 2 == 0 else ("part", "flat"):
                kind, sql = layouts[schema][name]
                started = time.perf_counter()
                count = _run(connection, kind, sql)
                elapsed = time.perf_counter() - started
                pair[schema] = min(pair.get(schema, elapsed), elapsed)
                rows[f"{name} [{schema}]"] = count
    timings = {}
    for name, pair in best.items():
        count = rows[f"{name} [flat]"]
        if count != rows[f"{name} [part]"]:
            raise SystemExit(f"{name}: flat gave {count} rows, part {rows[f'{name} [part]']}")
        entry = {"flat ms": round(pair["flat"] * 1000, 1), "part ms": round(pair["part"] * 1000, 1)}
        entry["part/flat"] = round(pair["part"] / pair["flat"], 2)
        entry["rows"] = count
        if layouts["flat"][name][0] == "copy":
            entry |= {f"{schema} rows/s": round(count / pair[schema]) for schema in ("flat", "part")}
        for schema in ("flat", "part"):
            entry[f"{schema} plan"] = _plan(connection, layouts[schema][name][1])
        timings[name] = entry
    once = _once(connection, middle, small)
    return {
        "provinces": {"largest": [big, provinces[big]], "middle": [middle, provinces[middle]]}
        | {"smallest": [small, provinces[small]], "commune": commune},
        "best": timings,
        "once": once,
    }


def _once(connection: psycopg.Connection, middle: int, small: int) -> dict[str, dict[str, float]]:
    """Writes, once per layout: the annual run's update of a province (kept); removing one (rolled back)."""
    update = (
        "UPDATE {schema}.registry_household SET latest_category = CASE status WHEN 'none' THEN 'average' "
        f"ELSE status END, updated_at = now() WHERE province_id = {middle}"
    )
    in_province = f"FROM flat.registry_household WHERE province_id = {small}"
    removals = {"flat": [f"DELETE FROM flat.registry_member WHERE household_id IN (SELECT id {in_province})"]}
    removals["flat"].append(f"DELETE {in_province}")
    detach = "ALTER TABLE part.{0} DETACH PARTITION part.{0}_p{1}"
    removals["part"] = [detach.format(table, small) for table in TABLES[::-1]]
    updates = {schema: [update.format(schema=schema)] for schema in ("flat", "part")}
    cases = {f"annual write: UPDATE every household of province {middle} (committed)": (updates, False)}
    cases[f"remove province {small}: flat DELETE, part DETACH (rolled back)"] = (removals, True)
    result: dict[str, dict[str, float]] = {}
    for name, (statements, roll_back) in cases.items():
        result[name] = {}
        for schema in ("flat", "part"):
            wait_for_quiet()
            started = time.perf_counter()
            with connection.transaction():
                for statement in statements[schema]:
                    connection.execute(statement)
                result[name][f"{schema} s"] = round(time.perf_counter() - started, 3)
                if roll_back:
                    raise psycopg.Rollback()
        result[name]["part/flat"] = round(result[name]["part s"] / max(result[name]["flat s"], 0.01), 3)
    return result


def _markdown(result: dict) -> str:
    lines = [
        f"# Partitioned by province vs one table: {result['households']:,} households, "
        f"{result['members']:,} members (PostgreSQL, best of {result['rounds']})",
        "",
        f"Load average before {result['load_before']}, after {result['load_after']}. "
        f"Settings: {', '.join(f'{k} {v}' for k, v in result['settings'].items())}.",
        f"Provinces: {result['measured']['provinces']}.",
        "",
        "| query | rows | flat ms | part ms | part/flat |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, entry in result["measured"]["best"].items():
        rate = (
            f" ({entry['flat rows/s']:,} / {entry['part rows/s']:,} rows/s)" if "flat rows/s" in entry else ""
        )
        cells = (entry["rows"], entry["flat ms"], entry["part ms"])
        lines.append(f"| {name}{rate} | {' | '.join(f'{cell:,}' for cell in cells)} | {entry['part/flat']} |")
    lines += ["", "| query | flat plan | part plan |", "|---|---|---|"]
    lines += [
        f"| {name} | {e['flat plan']} | {e['part plan']} |" for name, e in result["measured"]["best"].items()
    ]
    lines += ["", "| once | flat s | part s | part/flat |", "|---|---:|---:|---:|"]
    for name, entry in result["measured"]["once"].items():
        lines.append(f"| {name} | {entry['flat s']} | {entry['part s']} | {entry['part/flat']} |")
    lines += ["", "| build | seconds |", "|---|---:|"]
    lines += [f"| {name} | {value} |" for name, value in result["build"].items()]
    lines += ["", "| size | flat | part |", "|---|---:|---:|"]
    for name in result["sizes"]["flat"]:
        lines.append(f"| {name} | {result['sizes']['flat'][name]} | {result['sizes']['part'][name]} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=10_000_000)
    parser.add_argument("--members", type=float, default=3.7, help="mean members per household")
    parser.add_argument("--stored-members", type=int, default=1, help="members stored per household, ≤ 8")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the database gn_partbench")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    url = f"{args.database_url}/{DATABASE}"
    _admin(args.database_url, f"DROP DATABASE IF EXISTS {DATABASE}")
    _admin(args.database_url, f"CREATE DATABASE {DATABASE}")
    build: dict[str, float] = {}
    try:
        started = time.perf_counter()
        _migrate(url)
        build["migrate (s)"] = round(time.perf_counter() - started, 1)
        with psycopg.connect(url, autocommit=True) as connection:
            provinces = _fill(connection, args, build)
            sizes = {schema: _size(connection, schema) for schema in ("flat", "part")}
            members = connection.execute("SELECT count(*) FROM flat.registry_member").fetchone()[0]
            load_before = [round(value, 2) for value in os.getloadavg()]
            measured = _measure(connection, provinces, args.rounds)
            load_after = [round(value, 2) for value in os.getloadavg()]
            names = "server_version shared_buffers work_mem effective_cache_size random_page_cost"
            names += " max_parallel_workers_per_gather enable_partitionwise_aggregate"
            settings = {name: connection.execute(f"SHOW {name}").fetchone()[0] for name in names.split()}
    finally:
        if not args.keep:
            _admin(args.database_url, f"DROP DATABASE IF EXISTS {DATABASE}")
    result = {"households": args.households, "members": members, "seed": args.seed, "rounds": args.rounds}
    result |= {"load_before": load_before, "load_after": load_after, "settings": settings, "build": build}
    result |= {"sizes": sizes, "measured": measured}
    RESULTS.mkdir(exist_ok=True)
    name = f"partition-{args.households}"
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    (RESULTS / f"{name}.md").write_text(_markdown(result), encoding="utf-8")
    print(_markdown(result))


if __name__ == "__main__":
    main()
