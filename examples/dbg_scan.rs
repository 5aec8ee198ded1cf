fn main() {
    let text = std::env::args().nth(1).unwrap();
    let s = pmlint::time::scan(&text, pmlint::time::Zones::builtin());
    println!(
        "{:#?}",
        s.times
            .iter()
            .map(|t| (t.date, t.time, &t.span))
            .collect::<Vec<_>>()
    );
    println!(
        "dates {:?}",
        s.dates.iter().map(|d| d.date).collect::<Vec<_>>()
    );
}
