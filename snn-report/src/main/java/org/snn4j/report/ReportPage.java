package org.snn4j.report;

import java.util.List;
import java.util.Map;

/**
 * A self-contained HTML page: inline style, no script, images by relative path next to it (the page and its
 * pictures can be moved or zipped together).
 */
final class ReportPage {
  /** The page's file name. */
  static final String INDEX = "index.html";

  private final StringBuilder body = new StringBuilder();
  private final String title;

  ReportPage(String title) {
    this.title = title;
  }

  void heading(String text) {
    body.append("<h2>").append(escape(text)).append("</h2>\n");
  }

  void settings(Map<String, ?> settings) {
    body.append("<table class=\"settings\">\n");
    for (Map.Entry<String, ?> e : settings.entrySet()) {
      body.append("<tr><th>").append(escape(e.getKey())).append("</th><td>")
          .append(escape(String.valueOf(e.getValue()))).append("</td></tr>\n");
    }
    body.append("</table>\n");
  }

  /** A picture, linked to its SVG when there is one ({@code svg} may be null). */
  void image(String png, String svg, String alt, int width, int height) {
    body.append("<figure>");
    if (svg != null) {
      body.append("<a href=\"").append(escape(svg)).append("\">");
    }
    body.append("<img src=\"").append(escape(png)).append("\" alt=\"").append(escape(alt)).append("\" width=\"")
        .append(width).append("\" height=\"").append(height).append("\">");
    if (svg != null) {
      body.append("</a>");
    }
    body.append("<figcaption>").append(escape(alt)).append(svg != null ? " (click for SVG)" : "")
        .append("</figcaption></figure>\n");
  }

  void table(String[] header, List<String[]> rows) {
    body.append("<table class=\"data\">\n<tr>");
    for (String h : header) {
      body.append("<th>").append(escape(h)).append("</th>");
    }
    body.append("</tr>\n");
    for (String[] row : rows) {
      body.append("<tr>");
      for (String c : row) {
        body.append("<td>").append(escape(c)).append("</td>");
      }
      body.append("</tr>\n");
    }
    body.append("</table>\n");
  }

  String html() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
        + "</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>\n"
        + "body{font-family:sans-serif;margin:2em;color:#222}\n"
        + "table{border-collapse:collapse;margin:1em 0}\n"
        + "th,td{border:1px solid #ccc;padding:2px 8px;text-align:left}\n"
        + "table.data td{text-align:right}\n"
        + "img{max-width:100%;height:auto;border:1px solid #eee}\n"
        + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body + "</body>\n</html>\n";
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
