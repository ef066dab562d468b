"""Each validation rule, proven on a broken copy of the real catalog, with its exact message."""

from datetime import date

from etl.extract import read_catalog, read_sources
from etl.validate import validate

LAND = "report-2025-02-25:land_recovered"


def problems(ws) -> list[str]:
    """Messages without the (temporary) directory part of the file path."""
    found = validate(read_sources(ws.sources), read_catalog(ws.catalog))
    return [str(p).replace(str(ws.root) + "/", "") for p in found]


def edit_obs(ws, obs_id: str, **changes) -> None:
    ws.edit("observations.yml", lambda es: ws.entry(es, "id", obs_id).update(changes))


def test_real_catalog_has_no_problems(ws):
    assert problems(ws) == []


def test_changed_source_bytes_are_refused(ws):
    path = ws.sources / "report-2025-02-25.txt"
    path.write_bytes(path.read_bytes().replace("601项".encode(), "602项".encode(), 1))
    [only] = problems(ws)
    first = only.splitlines()
    assert first[0].startswith("sources/report-2025-02-25.txt: whole file: sha256 = ")
    assert first[1] == ("    rule: bytes do not match the recorded checksum "
                        "de7376dd98760293c60c9716920b9820659db56c416fb5b5b533b03ff57c665a")
    assert first[2].startswith("    fix:  restore the file exactly as published")


def test_quote_at_wrong_offset_says_where_it_is(ws):
    edit_obs(ws, LAND, offset=10)
    assert problems(ws) == [
        f"catalog/progress-2025-02-25/observations.yml: entry 56 (id {LAND}): quote = '完成2000余亩土地收回工作'\n"
        "    rule: must stand in report-2025-02-25 at offset 10, but the text there is '>> 巡察工作\\n【巡察进行时'\n"
        "    fix:  set offset: 6304"]


def test_value_must_be_what_the_words_say(ws):
    edit_obs(ws, LAND, value=200)
    assert problems(ws) == [
        f"catalog/progress-2025-02-25/observations.yml: entry 56 (id {LAND}): value = 200\n"
        "    rule: '2000余亩' reads as 2000\n"
        "    fix:  set value: 2000, or correct the written quantity"]


def test_yu_means_more_than(ws):
    edit_obs(ws, LAND, qualifier="exact")
    assert problems(ws) == [
        f"catalog/progress-2025-02-25/observations.yml: entry 56 (id {LAND}): qualifier = 'exact'\n"
        "    rule: '2000余亩' reads as more_than\n"
        "    fix:  set qualifier: more_than (余/多 mean more_than, 约/近/左右 approx)"]


def test_baseline_must_be_what_the_words_say(ws):
    edit_obs(ws, "report-2025-02-25:work_injury_review_days", baseline_value=4)
    assert problems(ws) == [
        "catalog/progress-2025-02-25/observations.yml: entry 35 (id report-2025-02-25:work_injury_review_days): baseline_value = 4\n"
        "    rule: '5个工作日' reads as 5\n"
        "    fix:  set baseline_value: 5, or correct the written quantity"]


def test_value_text_must_be_in_the_quote(ws):
    edit_obs(ws, LAND, value_text="2000亩")
    first = problems(ws)[0]
    assert first == (f"catalog/progress-2025-02-25/observations.yml: entry 56 (id {LAND}): value_text = '2000亩'\n"
                     "    rule: must occur exactly once in the quote (found 0)\n"
                     "    fix:  write the quantity exactly as in the quote, or widen or narrow the quote")


def test_every_numeral_is_covered_or_excluded(ws):
    ws.edit("observations.yml", lambda es: es.remove(ws.entry(es, "id", "report-2025-02-25:gas_pipe_laid")))
    assert problems(ws)[1] == (
        "sources/report-2025-02-25.txt: offset 7493: numeral = '5945'\n"
        "    rule: is not covered by any observation (…目6个,累计铺设燃气管道5945米。  下一步,…)\n"
        "    fix:  add an observation whose value_text contains it to catalog/progress-2025-02-25/observations.yml, "
        "or list it in catalog/progress-2025-02-25/exclusions.yml with its offset and a reason")


def test_unknown_indicator_is_named(ws):
    edit_obs(ws, LAND, indicator_id="land_taken")
    assert problems(ws)[1] == (
        f"catalog/progress-2025-02-25/observations.yml: entry 56 (id {LAND}): indicator_id = 'land_taken'\n"
        "    rule: must name an existing id in indicators.yml\n"
        "    fix:  use a id listed in catalog/progress-2025-02-25/indicators.yml, or add it there first")


def test_invalid_date_is_refused(ws):
    edit_obs(ws, LAND, as_of="2024-13-01")
    assert problems(ws) == [
        f"catalog/progress-2025-02-25/observations.yml: entry 56 (id {LAND}): as_of = '2024-13-01'\n"
        "    rule: must be a date (YYYY-MM-DD)\n"
        "    fix:  write as_of as a date (YYYY-MM-DD)"]


def test_as_of_cannot_follow_publication(ws):
    edit_obs(ws, LAND, as_of=date(2025, 3, 1))
    assert problems(ws)[0].splitlines()[1] == "    rule: cannot be after the source's publication (2025-02-25)"


def test_duplicate_ids_are_refused(ws):
    ws.edit("observations.yml", lambda es: es.append(dict(es[0])))
    assert problems(ws) == [
        "catalog/progress-2025-02-25/observations.yml: entry 63 (id report-2025-02-25:inspection_start): "
        "id = 'report-2025-02-25:inspection_start'\n"
        "    rule: must be unique; also used by entry 1\n"
        "    fix:  give each entry its own key"]


def test_misspelt_field_is_refused(ws):
    edit_obs(ws, LAND, valeu=1)
    assert problems(ws)[0].splitlines()[:2] == [
        f"catalog/progress-2025-02-25/observations.yml: entry 56 (id {LAND}): valeu = 1", "    rule: unknown field"]


def test_unit_and_kind_come_from_known_lists(ws):
    ws.edit("indicators.yml", lambda es: ws.entry(es, "id", "land_recovered").update(unit="公顷", kind="area"))
    assert [p.splitlines()[1] for p in problems(ws)] == [
        "    rule: a bars chart never mixes units",  # dashboard.yml's land chart
        "    rule: only count, amount, duration, change indicators are drawn as bars",
        "    rule: must be one of: count, amount, duration, change, level, date",
        "    rule: must be one of the units of data/catalog/vocabulary.yml",
        "    rule: '2000余亩' is written in 亩, not 公顷"]


def test_all_problems_are_listed_at_once(ws):
    edit_obs(ws, LAND, value=200, qualifier="approx")
    ws.edit("measures.yml", lambda es: es[0].update(problem_code="9.9"))
    assert [p.splitlines()[0].split(": ", 2)[2] for p in problems(ws)] == [
        "problem_code = '9.9'", "qualifier = 'approx'", "value = 200"]
