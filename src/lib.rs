pub mod spell;
