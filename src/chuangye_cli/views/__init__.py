"""View builders: engine results → :class:`~chuangye_cli.document.Document`, once, as data.

Each view's columns are declared in exactly one place here; every output format is a writer of
any document (:mod:`chuangye_cli.writers`).
"""
