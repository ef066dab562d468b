"""report.yml, dashboard.yml and vocabulary.yml are checked like the rest of the catalog:
every problem named, with its exact message."""
from etl.extract import read_catalog, read_sources
from etl.validate import validate
from tests.conftest import DEMO


def problems(ws) -> list[str]:
    found = validate(read_sources(ws.sources), read_catalog(ws.catalog))
    return [str(p).replace(str(ws.root) + "/", "") for p in found]


def first_page(layout: dict) -> dict:
    return layout["pages"][0]


def test_the_fictitious_report_is_valid_beside_the_real_one(ws):
    ws.add_demo()
    assert problems(ws) == []


def test_an_unknown_indicator_in_tiles_is_named(ws):
    ws.edit("dashboard.yml", lambda d: d["overview"][0]["blocks"][1]["tiles"].append("land_recoverd"))
    assert problems(ws) == [
        "catalog/progress-2025-02-25/dashboard.yml: overview, section 1, block 2: tiles = 'land_recoverd'\n"
        "    rule: unknown indicator id\n"
        "    fix:  use an id of indicators.yml"]


def test_a_missing_translation_is_named(ws):
    ws.edit("dashboard.yml", lambda d: first_page(d)["sections"][0]["title"].pop("en"))
    assert problems(ws) == [
        "catalog/progress-2025-02-25/dashboard.yml: pages.gov_services, section 1: title.en = None\n"
        "    rule: the translation is missing\n"
        "    fix:  add en: the English text"]


def test_a_placeholder_that_names_nothing_is_named(ws):
    def change(d):
        d["pages"][1]["sections"][1]["title"]["en"] = "Smart supervision ({patrols.period})"
        d["pages"][1]["sections"][1]["title"]["zh"] = "智慧监管（{environment_patrols.quarter}）"
    ws.edit("dashboard.yml", change)
    assert problems(ws) == [
        "catalog/progress-2025-02-25/dashboard.yml: pages.environment, section 2: title.en = '{patrols}'\n"
        "    rule: the placeholder names no indicator\n"
        "    fix:  use an id of indicators.yml",
        "catalog/progress-2025-02-25/dashboard.yml: pages.environment, section 2: "
        "title.zh = '{environment_patrols.quarter}'\n"
        "    rule: the placeholder names no field\n"
        "    fix:  use one of: value, name, as_of, period"]


def test_unknown_blocks_and_charts_are_named(ws):
    def change(d):
        d["overview"][1]["blocks"] = [{"chart": "completions"}, "ledger_sumary"]
    ws.edit("dashboard.yml", change)
    assert [p.splitlines()[0:2] for p in problems(ws)] == [
        ["catalog/progress-2025-02-25/dashboard.yml: overview, section 2, block 1: chart = 'completions'",
         "    rule: unknown chart id"],
        ["catalog/progress-2025-02-25/dashboard.yml: overview, section 2, block 2: block = 'ledger_sumary'",
         "    rule: unknown block"]]


def test_a_report_page_may_not_take_a_fixed_pages_id(ws):
    ws.edit("dashboard.yml", lambda d: first_page(d).update(id="export"))
    assert [p.splitlines()[:2] for p in problems(ws)] == [
        ["catalog/progress-2025-02-25/dashboard.yml: charts.approval_times: page = 'gov_services'",
         "    rule: must name a page"],
        ["catalog/progress-2025-02-25/dashboard.yml: charts.service_items: page = 'gov_services'",
         "    rule: must name a page"],
        ["catalog/progress-2025-02-25/dashboard.yml: pages, entry 1: id = 'export'", "    rule: must be a new ASCII slug"]]


def test_report_yml_names_indicators_of_the_right_kind(ws):
    ws.edit("report.yml", lambda d: d["completion"]["problems"].update(done="land_recovered"))
    assert problems(ws) == [
        "catalog/progress-2025-02-25/report.yml: report: completion.problems.done = 'land_recovered'\n"
        "    rule: must be an indicator of kind count\n"
        "    fix:  land_recovered is a amount: name another indicator"]


def test_report_id_is_the_folder_name(ws):
    ws.edit("report.yml", lambda d: d.update(id="progress"))
    assert problems(ws) == [
        "catalog/progress-2025-02-25/report.yml: report: id = 'progress'\n"
        "    rule: must be the folder's name, progress-2025-02-25\n"
        "    fix:  set id: progress-2025-02-25 (or rename the folder)"]


def test_the_vocabulary_keeps_the_keys_the_code_relies_on(ws):
    ws.edit("vocabulary.yml", lambda d: d["statuses"].pop(0))
    assert problems(ws)[0] == (
        "catalog/vocabulary.yml: statuses: key = 'completed'\n"
        "    rule: the code knows exactly these keys: completed, in_progress, ongoing, extension_requested, not_stated\n"
        "    fix:  change the words (zh, en) freely, but keep exactly these keys")


def test_observation_ids_are_unique_across_reports(ws):
    ws.add_demo()
    ws.edit("observations.yml", lambda es: es[0].update(id="report-2025-02-25:inspection_start"), report=DEMO)
    assert problems(ws) == [
        "catalog/progress-2025-02-25/observations.yml: entry 1 (id report-2025-02-25:inspection_start): "
        "id = 'report-2025-02-25:inspection_start'\n"
        "    rule: also used by report demo-2026-07; observation ids are unique across reports\n"
        "    fix:  prefix the id with this report's source id"]
