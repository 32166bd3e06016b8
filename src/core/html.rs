//! Markup as text, every text and attribute value escaped: the one writer
//! of the widget's HTML and SVG. Only the widget's own literals are raw
//! markup; anything else goes in through [`Html::text`] or an attribute
//! value, which escape `&`, `<`, `>` and `"`.

/// Markup built from the widget's own texts and figures, every text and
/// attribute value escaped.
#[derive(Default)]
pub struct Html(String);

impl Html {
    fn escaped(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' => self.0.push_str("&quot;"),
                c => self.0.push(c),
            }
        }
    }

    /// An opening tag with attributes.
    pub fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            self.escaped(value);
            self.0.push('"');
        }
        self.0.push('>');
    }

    /// An element without content, such as `<input>`.
    pub fn void(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.open(tag, attrs);
    }

    /// Text content.
    pub fn text(&mut self, text: &str) {
        self.escaped(text);
    }

    /// A closing tag.
    pub fn close(&mut self, tag: &str) {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
    }

    /// An element with text content.
    pub fn leaf(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(tag, attrs);
        self.escaped(text);
        self.close(tag);
    }

    /// Markup this writer made elsewhere (a row, a notice, a chart),
    /// inserted as it is.
    pub fn raw(&mut self, markup: &str) {
        self.0.push_str(markup);
    }

    /// The markup.
    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_is_escaped() {
        let mut h = Html::default();
        h.open("p", &[("title", "a\"><script>")]);
        h.text("<b>&</b>");
        h.close("p");
        h.leaf("i", &[], "\"x\"");
        assert_eq!(
            h.into_string(),
            "<p title=\"a&quot;&gt;&lt;script&gt;\">&lt;b&gt;&amp;&lt;/b&gt;</p><i>&quot;x&quot;</i>"
        );
    }
}
