//! A tweet from what the writer pastes: a post URL or X's "Embed post" code.

use crate::render::tweet::Tweet;

/// Which form to write a tweet in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TweetForm {
    /// `{{< x user="..." id="..." >}}`: Hugo's current shortcode.
    #[default]
    X,
    /// `{{< tweet user="..." id="..." >}}`: the older name, for older Hugo sites.
    Tweet,
    /// X's blockquote embed code (what Jekyll and plain HTML sites use).
    Embed,
}

/// A tweet's account and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TweetLink {
    /// The handle, without `@`, when known.
    pub user: Option<String>,
    /// The numeric id.
    pub id: String,
    /// The embed code as pasted, kept as it is when the writer wants the embed form.
    pub embed: Option<String>,
}

impl TweetLink {
    /// Reads a post URL (twitter.com, x.com, mobile.twitter.com, www., with or
    /// without a query string) or an embed blockquote. `None` if it is neither.
    ///
    /// ```
    /// use recap::writing::TweetLink;
    /// let t = TweetLink::parse("https://x.com/TBeijen/status/1069903784120381440?s=20").unwrap();
    /// assert_eq!((t.user.as_deref(), t.id.as_str()), (Some("TBeijen"), "1069903784120381440"));
    /// assert!(TweetLink::parse("https://example.org/TBeijen/status/1").is_none());
    /// ```
    pub fn parse(input: &str) -> Option<TweetLink> {
        let input = input.trim();
        if input.contains("twitter-tweet") {
            let tweet = Tweet::from_embed(input)?;
            return Some(TweetLink {
                user: tweet.handle,
                id: tweet.id,
                embed: Some(input.to_string()),
            });
        }
        let rest = input
            .strip_prefix("https://")
            .or_else(|| input.strip_prefix("http://"))
            .unwrap_or(input);
        let (host, path) = rest.split_once('/')?;
        let host = host.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        let host = host.strip_prefix("mobile.").unwrap_or(host);
        if host != "twitter.com" && host != "x.com" {
            return None;
        }
        let path = path.split(['?', '#']).next().unwrap_or("");
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let (user, id) = match parts.as_slice() {
            ["i", "web", "status", id, ..] => (None, *id),
            [user, "status" | "statuses", id, ..] => (Some(*user), *id),
            _ => return None,
        };
        let valid_user = |u: &str| {
            !u.is_empty()
                && u.len() <= 15
                && u.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        };
        if id.is_empty() || id.len() > 25 || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(TweetLink {
            user: user.filter(|u| valid_user(u)).map(str::to_string),
            id: id.to_string(),
            embed: None,
        })
    }

    /// The Markdown to insert for this tweet in `form`.
    ///
    /// ```
    /// use recap::writing::{TweetForm, TweetLink};
    /// let t = TweetLink::parse("twitter.com/TBeijen/status/1069903784120381440").unwrap();
    /// assert_eq!(t.markdown(TweetForm::X), r#"{{< x user="TBeijen" id="1069903784120381440" >}}"#);
    /// assert_eq!(t.markdown(TweetForm::Tweet), r#"{{< tweet user="TBeijen" id="1069903784120381440" >}}"#);
    /// ```
    pub fn markdown(&self, form: TweetForm) -> String {
        match (form, &self.user) {
            (TweetForm::Embed, _) => self.embed.clone().unwrap_or_else(|| {
                format!(
                    "<blockquote class=\"twitter-tweet\"><p><a href=\"{}\">View the post</a></p></blockquote>\n<script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>",
                    self.url()
                )
            }),
            (TweetForm::X, Some(user)) => format!("{{{{< x user=\"{user}\" id=\"{}\" >}}}}", self.id),
            (TweetForm::Tweet, Some(user)) => {
                format!("{{{{< tweet user=\"{user}\" id=\"{}\" >}}}}", self.id)
            }
            // Without the account only the old id-only form works.
            (_, None) => format!("{{{{< tweet {} >}}}}", self.id),
        }
    }

    /// The post's address.
    pub fn url(&self) -> String {
        match &self.user {
            Some(u) => format!("https://twitter.com/{u}/status/{}", self.id),
            None => format!("https://twitter.com/i/web/status/{}", self.id),
        }
    }
}
