//! The embedded font: DejaVu Sans (from the `dejavu` crate, so the build downloads nothing),
//! subset per document to the characters it prints. genpdf 0.2 embeds whole fonts, uncompressed
//! (≈ 750 KB a face); the subset keeps a Unicode cmap, so genpdf's rusttype metrics and
//! printpdf's glyph lookup work on it unchanged, and a report carries a few tens of KB of font.

use std::collections::BTreeSet;

use allsorts::binary::read::ReadScope;
use allsorts::font::{Font, MatchingPresentation};
use allsorts::font_data::FontData as OtFontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use genpdf::fonts::{FontData, FontFamily};
use ports::RenderError;

/// Characters every report may print whatever its data (digits and labels); anything else
/// reaches the page through [`Ink::s`], which records it.
fn base_chars() -> impl Iterator<Item = char> {
    ' '..='~'
}

/// Collects the characters of every string printed from data.
#[derive(Debug, Default)]
pub(crate) struct Ink {
    chars: BTreeSet<char>,
}

impl Ink {
    /// Records `text`'s characters and hands it back.
    pub(crate) fn s(&mut self, text: impl Into<String>) -> String {
        let text = text.into();
        self.chars.extend(text.chars());
        text
    }
}

fn failed(what: &str, e: impl std::fmt::Display) -> RenderError {
    RenderError::Failed(format!("font {what}: {e}"))
}

/// `ttf` reduced to `.notdef` plus the glyphs of `chars` (those the font has).
fn subset_face(ttf: &[u8], chars: impl Iterator<Item = char>) -> Result<Vec<u8>, RenderError> {
    let file = ReadScope::new(ttf).read::<OtFontData<'_>>().map_err(|e| failed("parse", e))?;
    let provider = file.table_provider(0).map_err(|e| failed("tables", e))?;
    let mut font = Font::new(provider).map_err(|e| failed("load", e))?;
    let mut glyphs: BTreeSet<u16> = BTreeSet::from([0]);
    for c in chars {
        let (glyph, _) = font.lookup_glyph_index(c, MatchingPresentation::NotRequired, None);
        glyphs.insert(glyph);
    }
    let glyphs: Vec<u16> = glyphs.into_iter().collect();
    subset(&font.font_table_provider, &glyphs, &SubsetProfile::Minimal, CmapTarget::Unicode)
        .map_err(|e| failed("subset", e))
}

/// The family for one document: regular and bold cut to the document's characters; the
/// italic faces, which reports never use but genpdf embeds anyway, cut to a space.
pub(crate) fn family(ink: &Ink) -> Result<FontFamily<FontData>, RenderError> {
    let chars = || base_chars().chain(ink.chars.iter().copied());
    let data = |bytes: Vec<u8>| FontData::new(bytes, None).map_err(|e| failed("genpdf", e));
    let regular = data(subset_face(dejavu::sans::regular(), chars())?)?;
    let bold = data(subset_face(dejavu::sans::bold(), chars())?)?;
    let italic = data(subset_face(dejavu::sans::oblique(), " ".chars())?)?;
    let bold_italic = data(subset_face(dejavu::sans::bold_oblique(), " ".chars())?)?;
    Ok(FontFamily { regular, bold, italic, bold_italic })
}

/// The full regular face, for plotters' chart labels (rasterised, so never embedded).
pub(crate) fn chart_font() -> &'static [u8] {
    dejavu::sans::regular()
}
