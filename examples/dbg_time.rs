fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let settings = pmlint::config::from_toml("", std::path::Path::new("/")).unwrap();
    let doc = pmlint::document::build(pmlint::source::Source::new(&path, text), &settings);
    if let Some(t) = &doc.time.timeline {
        for e in &t.entries {
            let line = doc.source.line_of(e.span.start);
            match &e.point {
                Some(p) => println!(
                    "{line}: {} {} {:?} zone={:?} kind={:?}",
                    p.date,
                    p.time,
                    p.own_date,
                    p.zone.as_ref().map(|z| &z.text),
                    e.kind
                ),
                None => println!("{line}: untimed has_date={} list={:?}", e.has_date, e.list),
            }
        }
    }
    if let Some(s) = &doc.time.summary {
        for p in &s.times {
            println!(
                "summary {} {} zone={:?}",
                p.date,
                p.time,
                p.zone.as_ref().map(|z| &z.text)
            );
        }
        println!(
            "window {:?} durations {:?}",
            s.window,
            s.durations.iter().map(|d| d.duration).collect::<Vec<_>>()
        );
    }
}
