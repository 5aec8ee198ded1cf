use pmlint::time::*;
fn main() {
    let zones = Zones::builtin();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for line in text.lines() {
            let s = scan(line, zones);
            if s.times.is_empty()
                && s.malformed.is_empty()
                && s.durations.is_empty()
                && s.zones.is_empty()
            {
                continue;
            }
            let l: String = line.chars().take(110).collect();
            println!("| {l}");
            for t in &s.times {
                println!(
                    "   T {:?} -> {} {:?} {:?} {:?}",
                    &line[t.span.clone()],
                    t.time,
                    t.date,
                    t.zone.as_ref().map(|z| &z.kind),
                    t.style
                );
            }
            for m in &s.malformed {
                println!(
                    "   M {:?}: {} -> {:?}",
                    &line[m.span.clone()],
                    m.problem,
                    m.suggestion
                );
            }
            for d in &s.durations {
                println!(
                    "   D {:?} -> {} {}",
                    &line[d.span.clone()],
                    humanize(d.duration),
                    if d.approximate { "~" } else { "" }
                );
            }
            for z in &s.zones {
                println!("   Z {:?} {:?}", z.text, z.kind);
            }
            if let Some(w) = find_window(line, &s) {
                println!(
                    "   W {} .. {} shared={:?}",
                    w.start,
                    w.end,
                    w.shared_zone.map(|z| z.text)
                );
            }
            if let Some(z) = zone_declaration(line, zones) {
                println!("   DECL {:?}", z.text);
            }
        }
    }
}
