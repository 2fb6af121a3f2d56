"""Class counts and class weights from data."""
