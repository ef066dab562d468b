"""Who may do what: the four roles and the actions each may take. One list, used by the store
(which checks every write), the pages (which show only what a reader may do) and the CLI."""
from __future__ import annotations

from dataclasses import dataclass

# role -> (zh, en)
ROLES: dict[str, tuple[str, str]] = {
    "viewer": ("查看者", "viewer"),            # leadership: every page, every export
    "checker": ("核查员", "checker"),          # inspection team: verdicts, reviewing submissions
    "submitter": ("报送员", "submitter"),      # a department clerk: its own indicators and ledger items
    "admin": ("管理员", "admin"),              # accounts, assignments, and everything a checker does
}
# action -> the roles that may take it
ALLOWED: dict[str, frozenset[str]] = {
    "export": frozenset(ROLES),
    "record_verdict": frozenset({"checker", "admin"}),
    "export_verdict_log": frozenset({"checker", "admin"}),
    "review_submission": frozenset({"checker", "admin"}),
    "submit_update": frozenset({"submitter"}),
    "manage_accounts": frozenset({"admin"}),
    "read_audit": frozenset({"admin"}),
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in account, an identity from single sign-on with no account
    (a viewer at most), or the operator at the server's command line."""
    name: str                    # the account's username, an e-mail from sign-on, or cli:<user>
    role: str
    display_name: str = ""
    department: str | None = None
    account_id: int | None = None
    via: str = "password"        # password, oidc, cli

    def may(self, action: str) -> bool:
        return self.role in ALLOWED[action]


def word(role: str, lang: str) -> str:
    zh, en = ROLES.get(role, (role, role))
    return zh if lang == "zh" else en
