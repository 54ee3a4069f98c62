package org.kbbridge.app.http;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.kbbridge.domain.model.BodyFormat;

/** A post body in the format asked for: Discourse's raw markdown, its cooked html, or plain text from the html. */
final class BodyRenderer {

    private BodyRenderer() {
    }

    static String render(String raw, String cooked, BodyFormat format) {
        return switch (format) {
            case MARKDOWN -> raw != null ? raw : plaintext(cooked);
            case HTML -> cooked != null ? cooked : "";
            case PLAINTEXT -> plaintext(cooked != null ? cooked : raw);
        };
    }

    /** Text without markup, entities decoded, with line breaks where blocks and breaks were. */
    static String plaintext(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        Document doc = Jsoup.parseBodyFragment(html);
        doc.select("br").after("\n");
        for (Element block : doc.select("p, div, li, h1, h2, h3, h4, h5, h6, pre, blockquote, tr, aside")) {
            block.after("\n");
        }
        String text = doc.body().wholeText();
        return text.replace('\u00a0', ' ').replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }
}
