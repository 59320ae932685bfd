//! Building blocks: headings, key/value and data tables, bullet lists, the page footer.

use genpdf::elements::{FrameCellDecorator, PaddedElement, Paragraph, TableLayout};
use genpdf::style::{Color, Style};
use genpdf::{Alignment, Element, Margins, Mm, PageDecorator, Position, render};

use crate::fonts::Ink;

pub(crate) const BRAND: Color = Color::Rgb(37, 99, 235);
pub(crate) const MUTED: Color = Color::Rgb(107, 114, 128);

pub(crate) fn heading(ink: &mut Ink, text: &str) -> PaddedElement<Paragraph> {
    PaddedElement::new(
        Paragraph::default().styled_string(ink.s(text), Style::new().bold().with_font_size(14)),
        Margins::trbl(4, 0, 2, 0),
    )
}

pub(crate) fn note(ink: &mut Ink, text: &str) -> Paragraph {
    Paragraph::default().styled_string(ink.s(text), Style::new().with_font_size(9).with_color(MUTED))
}

/// A boxed element is an element (genpdf 0.2 only implements `Element` for sized types).
pub(crate) struct Boxed(pub(crate) Box<dyn Element>);

impl Element for Boxed {
    fn render(
        &mut self,
        context: &genpdf::Context,
        area: render::Area<'_>,
        style: Style,
    ) -> Result<genpdf::RenderResult, genpdf::error::Error> {
        self.0.render(context, area, style)
    }
}

/// A column of a data table.
pub(crate) struct Col {
    pub(crate) title: &'static str,
    pub(crate) weight: usize,
    pub(crate) right: bool,
}

pub(crate) const fn col(title: &'static str, weight: usize, right: bool) -> Col {
    Col { title, weight, right }
}

fn cell(text: String, right: bool, style: Style) -> Box<dyn Element> {
    let p = Paragraph::default().styled_string(text, style);
    let p = if right { p.aligned(Alignment::Right) } else { p };
    Box::new(PaddedElement::new(p, Margins::trbl(0.8, 1.5, 0.8, 1.5)))
}

/// A framed table with a bold header row.
pub(crate) fn table(ink: &mut Ink, cols: &[Col], rows: Vec<Vec<String>>) -> Result<TableLayout, genpdf::error::Error> {
    let mut table = TableLayout::new(cols.iter().map(|c| c.weight).collect());
    table.set_cell_decorator(FrameCellDecorator::new(true, true, false));
    let header = Style::new().bold().with_font_size(9);
    table.push_row(cols.iter().map(|c| cell(ink.s(c.title), c.right, header)).collect())?;
    let body = Style::new().with_font_size(9);
    for row in rows {
        table.push_row(row.into_iter().zip(cols).map(|(text, c)| cell(ink.s(text), c.right, body)).collect())?;
    }
    Ok(table)
}

/// Draws "SalesFlow · title · Page N" at the foot of every page, inside 20 mm margins.
pub(crate) struct Footer {
    pub(crate) text: String,
    page: usize,
}

impl Footer {
    pub(crate) fn new(text: String) -> Self {
        Self { text, page: 0 }
    }
}

impl PageDecorator for Footer {
    fn decorate_page<'a>(
        &mut self,
        context: &genpdf::Context,
        mut area: render::Area<'a>,
        style: Style,
    ) -> Result<render::Area<'a>, genpdf::error::Error> {
        self.page += 1;
        area.add_margins(Margins::trbl(18, 20, 14, 20));
        let height = area.size().height;
        let footer = style.with_font_size(8).with_color(MUTED);
        let line = format!("{} · Page {}", self.text, self.page);
        area.print_str(&context.font_cache, Position::new(0, height - Mm::from(4.0)), footer, line)?;
        area.set_height(height - Mm::from(8.0));
        Ok(area)
    }
}
