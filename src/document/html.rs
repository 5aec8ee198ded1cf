//! Raw HTML blocks as a reader sees them: the text between the tags (prose, titles and times
//! that the rules read like any other), and `<h1>`–`<h6>` lines as headings.

use std::ops::Range;

/// Elements whose content is not prose: skipped up to their closing tag.
const RAW_TEXT: [&str; 5] = ["script", "style", "pre", "textarea", "code"];

/// The ranges of `text[span]` that are text, not markup: tags, comments, character
/// references (`&emsp;`) and the content of `<script>`, `<style>`, `<pre>`, `<textarea>` and
/// `<code>` are left out.
pub fn text_ranges(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let end = span.end.min(bytes.len());
    let mut out = Vec::new();
    let mut start = span.start;
    let mut i = span.start;
    while i < end {
        let skip_to = match bytes[i] {
            b'<' => markup_end(text, i, end),
            b'&' => reference_end(bytes, i, end),
            _ => None,
        };
        match skip_to {
            Some(next) => {
                if start < i {
                    out.push(start..i);
                }
                i = next;
                start = next;
            }
            None => i += 1,
        }
    }
    if start < end {
        out.push(start..end);
    }
    out
}

/// Where the markup that opens at `at` (a `<`) ends: a comment, a tag, or a raw-text element
/// with its content. `None` when the `<` opens no markup ("a < b").
fn markup_end(text: &str, at: usize, end: usize) -> Option<usize> {
    let rest = &text[at..end];
    if let Some(comment) = rest.strip_prefix("<!--") {
        return Some(comment.find("-->").map_or(end, |j| at + 4 + j + 3));
    }
    let next = *rest.as_bytes().get(1)?;
    if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
        return None;
    }
    let tag_end = rest.find('>').map_or(end, |j| at + j + 1);
    let name: String = rest[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if RAW_TEXT.contains(&name.as_str()) {
        let close = format!("</{name}");
        let content = text[tag_end..end].to_ascii_lowercase();
        return Some(content.find(&close).map_or(end, |j| {
            let after = tag_end + j;
            text[after..end].find('>').map_or(end, |k| after + k + 1)
        }));
    }
    Some(tag_end)
}

/// Where a character reference that opens at `at` (a `&`) ends: `&emsp;`, `&#8212;`.
fn reference_end(bytes: &[u8], at: usize, end: usize) -> Option<usize> {
    let body = bytes[at + 1..end]
        .iter()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .count();
    (body > 0 && bytes.get(at + 1 + body) == Some(&b';')).then_some(at + body + 2)
}

/// A line that is one HTML heading, `<h2>Timeline:</h2>` (attributes allowed, the closing tag
/// optional): its level and the range of its title text within `line`.
pub fn heading(line: &str) -> Option<(u8, Range<usize>)> {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let bytes = rest.as_bytes();
    if bytes.len() < 4 || bytes[0] != b'<' || !matches!(bytes[1], b'h' | b'H') {
        return None;
    }
    let level = bytes[2].wrapping_sub(b'0');
    if !(1..=6).contains(&level) || !matches!(bytes[3], b'>' | b' ' | b'\t') {
        return None;
    }
    let open_end = rest.find('>')? + 1;
    // The closing tag is looked for after the opening one ends: `<h2 title="</h2">` holds one.
    let close = rest[open_end..]
        .to_ascii_lowercase()
        .find(&format!("</h{level}"))
        .map(|c| open_end + c);
    let inner = open_end..close.unwrap_or(rest.trim_end().len());
    // Only the heading on its line: nothing but blanks after its closing tag.
    if let Some(c) = close {
        let after = rest[c..].find('>').map_or(rest.len(), |k| c + k + 1);
        if !rest[after..].trim().is_empty() {
            return None;
        }
    }
    let title = &rest[inner.clone()];
    // The title span runs from the first to the last text character inside the tags.
    let ranges = text_ranges(title, 0..title.len());
    let first = ranges.iter().find_map(|r| {
        let t = &title[r.clone()];
        let lead = t.len() - t.trim_start().len();
        (lead < t.len()).then_some(r.start + lead)
    })?;
    let last = ranges.iter().rev().find_map(|r| {
        let kept = title[r.clone()].trim_end().len();
        (kept > 0).then_some(r.start + kept)
    })?;
    Some((level, lead + inner.start + first..lead + inner.start + last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<&str> {
        text_ranges(html, 0..html.len())
            .into_iter()
            .map(|r| &html[r])
            .collect()
    }

    #[test]
    fn text_between_tags_comments_and_references() {
        assert_eq!(
            texts("<p>&emsp;Start: <b>10:00</b> UTC</p>"),
            ["Start: ", "10:00", " UTC"]
        );
        assert_eq!(texts("a <!-- hidden\nstill --> b"), ["a ", " b"]);
        assert_eq!(texts("<pre>x = 1</pre>after"), ["after"]);
        assert_eq!(texts("<CODE>x</code> y"), [" y"]);
        assert_eq!(texts("1 < 2 & 3"), ["1 < 2 & 3"]);
        assert_eq!(texts("<div unclosed"), Vec::<&str>::new());
    }

    #[test]
    fn heading_lines() {
        let line = "<h2>Timeline:</h2>";
        let (level, title) = heading(line).unwrap();
        assert_eq!((level, &line[title]), (2, "Timeline:"));
        let line = "  <H3 id=\"rc\"><b>Root Cause</b> </H3>";
        let (level, title) = heading(line).unwrap();
        assert_eq!((level, &line[title]), (3, "Root Cause"));
        let line = "<h1>Issue Summary";
        assert_eq!(
            heading(line).map(|(l, t)| (l, &line[t])),
            Some((1, "Issue Summary"))
        );
        assert!(heading("<h2>Title</h2> and more text").is_none());
        assert!(heading("<hr>").is_none());
        assert!(heading("<h2></h2>").is_none());
        assert!(heading("<header>").is_none());
        // A closing tag inside an attribute once made the title range run backwards (a panic).
        let line = "<h2 title=\"</h2>\">Timeline</h2>";
        assert!(heading(line).is_some_and(|(l, t)| l == 2 && line[t].ends_with("Timeline")));
    }
}
