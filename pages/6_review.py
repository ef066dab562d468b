"""审核 Review: a checker or administrator accepts a department's pending submission (its figures
go live with the next build) or returns it with a note."""
from app import frame
from app import review as review_ui
from app import spot as spot_ui


def review(view: frame.View) -> None:
    db = spot_ui.the_store(view.lang)
    if db is None:
        return
    review_ui.pending(view, db)
    review_ui.decided(view, db)


frame.run_page("review", review)
