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

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
