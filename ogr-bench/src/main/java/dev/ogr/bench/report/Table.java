package dev.ogr.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A report table rendered as Markdown or HTML: a title, a caption, a header and rows of cells, where a cell may be
 * emphasised (the best of its column).
 */
final class Table {

    /** A cell: its text and whether it is emphasised. */
    record Cell(String text, boolean strong) {
    }

    private final String title;
    private final String caption;
    private final List<String> header;
    private final List<List<Cell>> rows = new ArrayList<>();
    private boolean text;
    private boolean byColumns;

    Table(String title, String caption, List<String> header) {
        this.title = title;
        this.caption = caption;
        this.header = header;
    }

    /** Marks the table as prose rather than numbers: left-aligned, wrapping cells in HTML. */
    Table text() {
        text = true;
        return this;
    }

    /**
     * Marks the table as one column per problem: on a page it is shown in blocks of at most
     * {@link #PAGE_COLUMNS} such columns, each repeating the first (see {@link #pageBlocks}).
     */
    Table byColumns() {
        byColumns = true;
        return this;
    }

    /** The most problem columns a block of a {@link #byColumns} table shows in report.md and report.html. */
    static final int PAGE_COLUMNS = 4;

    /**
     * The table as the page shows it: itself, or for a {@link #byColumns} table with more than {@link #PAGE_COLUMNS}
     * columns after the first, blocks of that many, each with the first column, titled with the columns it holds and
     * the caption on the first only (LaTeX keeps the whole table, scaled to the text width).
     */
    List<Table> pageBlocks() {
        int n = header.size() - 1;
        if (!byColumns || n <= PAGE_COLUMNS) {
            return List.of(this);
        }
        List<Table> out = new ArrayList<>();
        for (int from = 1; from <= n; from += PAGE_COLUMNS) {
            int to = Math.min(n, from + PAGE_COLUMNS - 1);
            List<String> h = new ArrayList<>(List.of(header.get(0)));
            h.addAll(header.subList(from, to + 1));
            Table block = new Table(title + " (columns " + from + "–" + to + " of " + n + ")", from == 1 ? caption : "",
                    h);
            block.text = text;
            for (List<Cell> row : rows) {
                List<Cell> r = new ArrayList<>(List.of(row.get(0)));
                r.addAll(row.subList(Math.min(from, row.size()), Math.min(to + 1, row.size())));
                block.row(r);
            }
            out.add(block);
        }
        return out;
    }

    void row(List<Cell> cells) {
        rows.add(cells);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String title() {
        return title;
    }

    List<String> header() {
        return header;
    }

    List<List<Cell>> rows() {
        return rows;
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("### ").append(title).append("\n\n");
        if (!caption.isEmpty()) {
            sb.append(caption).append("\n\n");
        }
        sb.append('|');
        header.forEach(h -> sb.append(' ').append(h.replace("|", "\\|")).append(" |"));
        sb.append("\n|");
        header.forEach(h -> sb.append("---|"));
        sb.append('\n');
        for (List<Cell> row : rows) {
            sb.append('|');
            for (Cell c : row) {
                String t = c.text().replace("|", "\\|");
                sb.append(' ').append(c.strong() && !t.isEmpty() ? "**" + t + "**" : t).append(" |");
            }
            sb.append('\n');
        }
        return sb.append('\n').toString();
    }

    String html() {
        StringBuilder sb = new StringBuilder("<h3>").append(escape(title)).append("</h3>\n");
        if (!caption.isEmpty()) {
            sb.append("<p class=\"caption\">").append(escape(caption)).append("</p>\n");
        }
        sb.append("<div class=\"scroll\"><table").append(text ? " class=\"text\"" : "").append(">\n<thead><tr>");
        header.forEach(h -> sb.append("<th>").append(escape(h)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<Cell> row : rows) {
            sb.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                Cell c = row.get(i);
                String tag = i == 0 ? "th" : "td";
                sb.append('<').append(tag).append(c.strong() ? " class=\"best\"" : "").append('>')
                        .append(escape(c.text())).append("</").append(tag).append('>');
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody></table></div>\n").toString();
    }

    /**
     * The table as a LaTeX {@code table} with booktabs rules (the caption as its caption, bold for emphasised cells),
     * scaled to the text width; needs {@code \\usepackage{booktabs,graphicx}}. {@code cell} rewrites each cell's text
     * first (e.g. to drop the quartiles).
     */
    String latex(java.util.function.UnaryOperator<String> cell) {
        StringBuilder sb = new StringBuilder("% ").append(title).append("\n\\begin{table}[t]\n\\centering\n\\caption{")
                .append(tex(title)).append(caption.isEmpty() ? "" : ". " + tex(caption)).append("}\n")
                .append("\\resizebox{\\textwidth}{!}{%\n\\begin{tabular}{l").append(text ? "l".repeat(header.size() - 1)
                        : "r".repeat(header.size() - 1)).append("}\n\\toprule\n");
        sb.append(String.join(" & ", header.stream().map(Table::tex).toList())).append(" \\\\\n\\midrule\n");
        for (List<Cell> row : rows) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                String t = tex(i == 0 ? row.get(i).text() : cell.apply(row.get(i).text()));
                cells.add(row.get(i).strong() && !t.isEmpty() ? "\\textbf{" + t + "}" : t);
            }
            sb.append(String.join(" & ", cells)).append(" \\\\\n");
        }
        return sb.append("\\bottomrule\n\\end{tabular}}\n\\end{table}\n\n").toString();
    }

    /** {@code s} with LaTeX's special characters escaped (and the report's few Unicode signs in math mode). */
    static String tex(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(c);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                case '×' -> sb.append("$\\times$");
                case '≤' -> sb.append("$\\le$");
                case '≥' -> sb.append("$\\ge$");
                case 'η' -> sb.append("$\\eta$");
                case 'τ' -> sb.append("$\\tau$");
                case '—' -> sb.append("---");
                case '–' -> sb.append("--");
                case 'µ' -> sb.append("$\\mu$");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
