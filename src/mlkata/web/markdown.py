"""Statements as HTML: Markdown (markdown-it-py, CommonMark plus tables), $...$ and $$...$$ math kept
whole for KaTeX in the page (mdit-py-plugins' dollarmath), fenced code highlighted by Pygments."""

from __future__ import annotations

from functools import cache
from html import escape

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

PYGMENTS_STYLE = "default"


def _highlight(code: str, lang: str, _attrs: str) -> str:
    try:
        lexer = get_lexer_by_name(lang or "python")
    except ClassNotFound:
        return ""  # markdown-it escapes it as plain code
    body = highlight(code, lexer, HtmlFormatter(nowrap=True))
    return f'<pre class="highlight"><code>{body}</code></pre>\n'


def _math_inline(self, tokens, idx, options, env) -> str:
    return f'<span class="math" data-display="false">{escape(tokens[idx].content)}</span>'


def _math_block(self, tokens, idx, options, env) -> str:
    return f'<div class="math" data-display="true">{escape(tokens[idx].content)}</div>\n'


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"highlight": _highlight, "html": False}).enable("table")
    md.use(dollarmath_plugin, allow_space=False, double_inline=True)
    md.add_render_rule("math_inline", _math_inline)
    md.add_render_rule("math_inline_double", _math_block)
    md.add_render_rule("math_block", _math_block)
    md.add_render_rule("math_block_label", _math_block)
    return md


def to_html(text: str) -> str:
    """Markdown source -> HTML (raw HTML in the source is escaped, never passed through)."""
    return _parser().render(text)


def pygments_css() -> str:
    """The stylesheet for highlighted code (static/pygments.css is this text; a test keeps them equal)."""
    rules = HtmlFormatter(style=PYGMENTS_STYLE).get_style_defs(".highlight").splitlines()
    return "\n".join(r for r in rules if r.startswith(".highlight")) + "\n"
