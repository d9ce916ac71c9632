//! Tweet cards, from Hugo's `x` / `tweet` / `twitter` shortcodes and from the embed code
//! X gives ("Embed post": a `twitter-tweet` blockquote plus `widgets.js`). The card is
//! drawn from the text in the draft: nothing is fetched and `widgets.js` never loads.

use super::gate::OwnHtml;
use super::html::escape;
use super::shortcode::Shortcode;

/// The shortcode names that draw a tweet card: Hugo's `x`, and its older names.
pub const TWEET_SHORTCODES: &[&str] = &["x", "tweet", "twitter"];

/// What the preview knows about a tweet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tweet {
    /// The post's numeric id.
    pub id: String,
    /// The account's handle, without `@`, when known.
    pub handle: Option<String>,
    /// The display name, as safe HTML text, when the embed code gives it.
    pub name_html: Option<String>,
    /// The tweet's text as raw HTML from the embed code, when it gives it: the card
    /// holding it is sanitized whole by the gate (links kept).
    pub text_html: Option<String>,
    /// The date line as safe HTML text, when the embed code gives it.
    pub date_html: Option<String>,
}

fn is_handle(s: &str) -> bool {
    !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 25 && s.bytes().all(|b| b.is_ascii_digit())
}

impl Tweet {
    /// Reads `{{< x user="U" id="N" >}}`, `{{< tweet user="U" id="N" >}}` and the old
    /// id-only `{{< tweet N >}}`. `None` when there is no valid id.
    pub fn from_shortcode(sc: &Shortcode) -> Option<Tweet> {
        let (user, id) = match (sc.named("user"), sc.named("id")) {
            (user, Some(id)) => (user, id),
            // `{{< tweet N >}}` (old form) or `{{< tweet user N >}}`.
            _ => match sc.args.as_slice() {
                [(None, id)] => (None, id.as_str()),
                [(None, user), (None, id), ..] => (Some(user.as_str()), id.as_str()),
                _ => return None,
            },
        };
        is_id(id).then(|| Tweet {
            id: id.to_string(),
            handle: user.filter(|u| is_handle(u)).map(str::to_string),
            name_html: None,
            text_html: None,
            date_html: None,
        })
    }

    /// Reads X's embed code: `<blockquote class="twitter-tweet"><p>text</p>&mdash; Name
    /// (@handle) <a href=".../handle/status/ID">date</a></blockquote>`.
    pub fn from_embed(html: &str) -> Option<Tweet> {
        let open = html.find("<blockquote")?;
        let close = html[open..]
            .rfind("</blockquote>")
            .map_or(html.len(), |i| open + i);
        let quote = &html[open..close];
        let (handle, id) = status_link(quote)?;
        let body_start = quote.find('>')? + 1;
        let (text_html, after_text) = match quote.find("<p") {
            Some(p) => {
                let inner_start = quote[p..].find('>').map(|i| p + i + 1)?;
                let inner_end = quote[inner_start..]
                    .find("</p>")
                    .map_or(quote.len(), |i| inner_start + i);
                let text = quote[inner_start..inner_end].to_string();
                (Some(text), (inner_end + 4).min(quote.len()))
            }
            None => (None, body_start),
        };
        let tail = &quote[after_text..];
        let last_link = tail.rfind("<a");
        let byline = &tail[..last_link.unwrap_or(tail.len())];
        let byline_text = super::sanitize::text_only(byline);
        let byline_text = byline_text
            .trim()
            .trim_start_matches('—')
            .trim_start_matches("&mdash;")
            .trim();
        let name_html = byline_text
            .rsplit_once("(@")
            .map(|(name, _)| name.trim().to_string())
            .filter(|n| !n.is_empty());
        let date_html = last_link
            .map(|i| super::sanitize::text_only(&tail[i..]).trim().to_string())
            .filter(|d| !d.is_empty());
        Some(Tweet {
            id,
            handle: Some(handle),
            name_html,
            text_html,
            date_html,
        })
    }

    /// The link to the post on X.
    pub fn url(&self) -> String {
        match &self.handle {
            Some(h) => format!("https://x.com/{h}/status/{}", self.id),
            None => format!("https://x.com/i/status/{}", self.id),
        }
    }

    /// The card's HTML. Every value in it is escaped, but the tweet's text, which the
    /// gate sanitizes with the whole card.
    pub fn to_html(&self) -> OwnHtml {
        let mut out = format!(
            "<figure class=\"tweet-card\" data-tweet-id=\"{}\">",
            escape(&self.id)
        );
        out.push_str("<figcaption class=\"tweet-author\">");
        if let Some(name) = &self.name_html {
            out.push_str(&format!("<span class=\"tweet-name\">{name}</span> "));
        }
        match &self.handle {
            Some(h) => out.push_str(&format!(
                "<a class=\"tweet-handle\" href=\"https://x.com/{h}\" rel=\"noopener noreferrer\">@{h}</a>",
                h = escape(h)
            )),
            None => out.push_str("<span class=\"tweet-handle\">Post on X</span>"),
        }
        out.push_str("</figcaption>");
        match &self.text_html {
            Some(text) => out.push_str(&format!(
                "<blockquote class=\"tweet-text\"><p>{}</p></blockquote>",
                text
            )),
            None => out.push_str(
                "<blockquote class=\"tweet-text tweet-text-missing\"><p>The post’s text appears when Hugo builds the site.</p></blockquote>",
            ),
        }
        let date = self
            .date_html
            .clone()
            .unwrap_or_else(|| format!("Post {}", escape(&self.id)));
        out.push_str(&format!(
            "<a class=\"tweet-date\" href=\"{}\" rel=\"noopener noreferrer\">{date}</a></figure>",
            escape(&self.url())
        ));
        match &self.text_html {
            Some(_) => OwnHtml::holding_raw(out),
            _ => OwnHtml::new(out),
        }
    }
}

/// Handle and id from the last `.../HANDLE/status/ID` link in the embed code.
fn status_link(html: &str) -> Option<(String, String)> {
    let mut found = None;
    let mut rest = html;
    while let Some(i) = rest.find("/status/") {
        let before = &rest[..i];
        let handle = before.rsplit('/').next().unwrap_or("");
        let after = &rest[i + "/status/".len()..];
        let id: String = after.chars().take_while(char::is_ascii_digit).collect();
        if is_handle(handle) && is_id(&id) {
            let host_ok = before.contains("twitter.com/") || before.contains("x.com/");
            if host_ok {
                found = Some((handle.to_string(), id));
            }
        }
        rest = &rest[i + 1..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMBED: &str = r#"<blockquote class="twitter-tweet" data-lang="en"><p lang="en" dir="ltr">Good presentation already: Release our big bugs more often. <a href="https://twitter.com/hashtag/devopscon?src=hash&amp;ref_src=twsrc%5Etfw">#devopscon</a></p>&mdash; Tibo Beijen (@TBeijen) <a href="https://twitter.com/TBeijen/status/1069903784120381440?ref_src=twsrc%5Etfw">December 4, 2018</a></blockquote>
<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>"#;

    #[test]
    fn reads_every_part_of_the_embed_code() {
        let t = Tweet::from_embed(EMBED).unwrap();
        assert_eq!(t.id, "1069903784120381440");
        assert_eq!(t.handle.as_deref(), Some("TBeijen"));
        assert_eq!(t.name_html.as_deref(), Some("Tibo Beijen"));
        assert_eq!(t.date_html.as_deref(), Some("December 4, 2018"));
        let text = t.text_html.unwrap();
        assert!(text.starts_with("Good presentation already"), "{text}");
        assert!(text.contains("<a href=\"https://twitter.com/hashtag/devopscon?src=hash&amp;ref_src=twsrc%5Etfw\""), "{text}");
    }

    #[test]
    fn card_links_to_the_post_and_names_the_author() {
        let html = Tweet::from_embed(EMBED).unwrap().to_html().into_string();
        assert!(
            html.starts_with("<figure class=\"tweet-card\" data-tweet-id=\"1069903784120381440\">")
        );
        assert!(html.contains("href=\"https://x.com/TBeijen/status/1069903784120381440\""));
        assert!(html.contains(">@TBeijen</a>"));
        assert!(!html.contains("script"));
    }
}
