package dev.ogr.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The summary {@code ogr bench} prints on the terminal: where ours beat the baselines, one wrapped paragraph per
 * problem, and the median final losses as a grid of columns split into blocks that fit the width. The report's
 * Markdown tables (with quartiles, hundreds of characters wide) stay in the report files.
 */
final class TerminalSummary {

    /** The widest line the summary prints. */
    static final int WIDTH = 120;

    private TerminalSummary() {
    }

    /** The summary of the wins table and the loss table, in lines of at most {@code width} characters. */
    static String render(Table wins, Table losses, int width) {
        StringBuilder sb = new StringBuilder();
        if (!wins.isEmpty()) {
            sb.append(wins.title()).append(" (full tables: report.md)\n");
            for (List<Table.Cell> row : wins.rows()) {
                StringBuilder line = new StringBuilder(row.get(0).text()).append(": best baseline ")
                        .append(row.get(1).text());
                append(line, "; ours below it: ", row.get(2).text());
                append(line, "; clearly: ", row.get(3).text());
                append(line, "; fewer steps to target: ", row.get(4).text());
                wrap(line.toString(), width, "    ").forEach(l -> sb.append("  ").append(l).append('\n'));
            }
            sb.append('\n');
        }
        sb.append(losses.title()).append(": median over seeds (quartiles in report.md)\n");
        List<String> names = new ArrayList<>();
        List<List<String>> cells = new ArrayList<>();
        for (List<Table.Cell> row : losses.rows()) {
            names.add(row.get(0).text());
            List<String> values = new ArrayList<>();
            for (Table.Cell c : row.subList(1, row.size())) {
                values.add(c.text().replaceAll(" \\[.*\\]$", "") + (c.strong() ? "*" : ""));
            }
            cells.add(values);
        }
        int first = 2 + names.stream().mapToInt(String::length).max().orElse(9);
        List<String> problems = losses.header().subList(1, losses.header().size());
        int from = 0;
        while (from < problems.size()) {
            // as many columns as fit; each as wide as its widest cell or heading
            int used = first;
            int to = from;
            List<Integer> widths = new ArrayList<>();
            while (to < problems.size()) {
                int w = problems.get(to).length();
                for (List<String> r : cells) {
                    w = Math.max(w, r.get(to).length());
                }
                if (used + 2 + w > width && to > from) {
                    break;
                }
                widths.add(w);
                used += 2 + w;
                to++;
            }
            StringBuilder head = new StringBuilder(pad("", first));
            for (int j = from; j < to; j++) {
                head.append("  ").append(padLeft(problems.get(j), widths.get(j - from)));
            }
            sb.append(cut(head.toString(), width)).append('\n');
            for (int i = 0; i < names.size(); i++) {
                StringBuilder line = new StringBuilder(pad(names.get(i), first));
                for (int j = from; j < to; j++) {
                    line.append("  ").append(padLeft(cells.get(i).get(j), widths.get(j - from)));
                }
                sb.append(cut(line.toString(), width)).append('\n');
            }
            sb.append('\n');
            from = to;
        }
        return sb.append("* the lowest median of the column\n").toString();
    }

    private static void append(StringBuilder line, String label, String text) {
        if (!text.isEmpty()) {
            line.append(label).append(text);
        }
    }

    /** {@code text} in lines of at most {@code width} (after the two-space margin), later ones indented. */
    static List<String> wrap(String text, int width, String indent) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int limit = width - 2;
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > limit) {
                out.add(line.toString());
                line = new StringBuilder(indent);
                limit = width - 2;
            }
            if (line.length() > 0 && !line.toString().equals(indent)) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out.stream().map(l -> cut(l, width - 2)).toList();
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    private static String padLeft(String s, int n) {
        return s.length() >= n ? s : " ".repeat(n - s.length()) + s;
    }

    /** A line no longer than {@code width}: a single word longer than the width is cut with an ellipsis. */
    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
