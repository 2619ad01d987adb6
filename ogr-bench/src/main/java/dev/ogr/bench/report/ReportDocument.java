package dev.ogr.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The text of a report, the same in every suite: a title, a description, the verdict paragraph, the line saying how
 * it was run, the provenance table, the protocol with a list (the problems), the result tables and the charts with
 * their captions, and a closing line naming the files. Renders it as Markdown (charts linked) and as a
 * self-contained HTML page (charts embedded as data URIs). {@code **bold**} in the verdict and {@code `code`} in the
 * run line and the list are kept in both.
 */
final class ReportDocument {

    /** A chart of the report: its caption and PNG file. */
    record Figure(String caption, Path file) {
    }

    private final String title;
    private String description = "";
    private String verdict = "";
    private String runLine = "";
    private Table provenance;
    private String protocol = "";
    private String listTitle = "";
    private List<String> list = List.of();
    private final List<Table> tables = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private String files = "";

    ReportDocument(String title) {
        this.title = title;
    }

    ReportDocument description(String text) {
        description = text;
        return this;
    }

    ReportDocument verdict(String text) {
        verdict = text;
        return this;
    }

    ReportDocument runLine(String text) {
        runLine = text;
        return this;
    }

    /** The provenance as a two-column table. */
    ReportDocument provenance(Provenance p) {
        Table t = new Table("Provenance", "Where these numbers come from (also in results.json).",
                List.of("", "value")).text();
        p.rows().forEach((k, v) -> t.row(List.of(new Table.Cell(k, false), new Table.Cell(v, false))));
        provenance = t;
        return this;
    }

    /** The protocol paragraph, then {@code items} as a list under {@code itemsTitle} (e.g. "Problems:"). */
    ReportDocument protocol(String text, String itemsTitle, List<String> items) {
        protocol = text;
        listTitle = itemsTitle;
        list = List.copyOf(items);
        return this;
    }

    ReportDocument tables(List<Table> values) {
        tables.addAll(values);
        return this;
    }

    /** Adds a chart unless {@code file} is null (a chart that does not apply was not written). */
    ReportDocument figure(String caption, Path file) {
        if (file != null) {
            figures.add(new Figure(caption, file));
        }
        return this;
    }

    ReportDocument filesLine(String text) {
        files = text;
        return this;
    }

    /** The Markdown text; charts are linked relative to {@code dir}, the report's directory. */
    String markdown(Path dir) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        if (!description.isEmpty()) {
            sb.append(description).append("\n\n");
        }
        if (!verdict.isEmpty()) {
            sb.append(verdict).append("\n\n");
        }
        sb.append(runLine).append("\n\n").append(provenance.markdown()).append("## Protocol\n\n").append(protocol)
                .append("\n\n").append(listTitle).append("\n\n");
        list.forEach(l -> sb.append("- ").append(l).append('\n'));
        sb.append("\n## Results\n\n");
        tables.forEach(t -> t.pageBlocks().forEach(b -> sb.append(b.markdown())));
        sb.append("## Charts\n\n");
        for (Figure f : figures) {
            sb.append("![").append(f.file().getFileName()).append("](").append(dir.relativize(f.file()))
                    .append(")\n\n").append(f.caption()).append("\n\n");
        }
        return sb.append(files).append('\n').toString();
    }

    /** The HTML page, with every chart read from its file and embedded. */
    String html() throws IOException {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(Table.escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1200px;margin:2em auto;"
                        + "padding:0 1em;color:#222;line-height:1.45}\n"
                        + "table{border-collapse:collapse;font-size:13px;margin:.5em 0 1.5em}\n"
                        + "th,td{border:1px solid #ddd;padding:4px 8px;text-align:right;white-space:nowrap}\n"
                        + "thead th{background:#f3f3f3;position:sticky;top:0}\n"
                        + "tbody th{text-align:left;background:#fafafa}\ntd.best{font-weight:bold;background:#e8f4e8}\n"
                        + "table.text td{text-align:left;white-space:normal;max-width:420px}\n"
                        + ".scroll{overflow-x:auto}\n.caption{color:#555;font-size:14px}\n"
                        + "figure{margin:1.5em 0}\nfigure img{max-width:100%;border:1px solid #eee}\n"
                        + "figcaption{color:#555;font-size:14px}\ncode{background:#f5f5f5;padding:1px 4px}\n")
                .append("</style></head><body>\n<h1>").append(Table.escape(title)).append("</h1>\n");
        if (!description.isEmpty()) {
            sb.append("<p>").append(Table.escape(description)).append("</p>\n");
        }
        if (!verdict.isEmpty()) {
            sb.append("<p>").append(Table.escape(verdict).replaceAll("\\*\\*([^*]*)\\*\\*", "<strong>$1</strong>"))
                    .append("</p>\n");
        }
        sb.append("<p>").append(code(runLine)).append("</p>\n");
        sb.append(provenance.html());
        sb.append("<h2>Protocol</h2>\n<p>").append(Table.escape(protocol)).append("</p>\n<ul>\n");
        list.forEach(l -> sb.append("<li>").append(code(l)).append("</li>\n"));
        sb.append("</ul>\n<h2>Results</h2>\n");
        tables.forEach(t -> t.pageBlocks().forEach(b -> sb.append(b.html())));
        sb.append("<h2>Charts</h2>\n");
        for (Figure f : figures) {
            String data = Base64.getEncoder().encodeToString(Files.readAllBytes(f.file()));
            sb.append("<figure><img alt=\"").append(Table.escape(f.file().getFileName().toString()))
                    .append("\" src=\"data:image/png;base64,").append(data).append("\"><figcaption>")
                    .append(Table.escape(f.caption())).append("</figcaption></figure>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    private static String code(String text) {
        return Table.escape(text).replaceAll("`([^`]*)`", "<code>$1</code>");
    }
}
