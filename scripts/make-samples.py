#!/usr/bin/env python3
"""Rebuilds the openly licensed Wikinews samples in samples/ from ../shared/data.

GeoVirus (CC BY 2.5) articles become plain-text files with the headline on the first line;
MEANTIME (CC BY 4.0) articles are detokenized into JSONL records with their creation date.
Run from the repository root: python3 scripts/make-samples.py [DATA_DIR]
"""
import json, os, re, sys, urllib.parse
import xml.etree.ElementTree as ET

data = sys.argv[1] if len(sys.argv) > 1 else os.path.join('..', 'shared', 'data')
out = 'samples'

GEOVIRUS = [
    'Turkish_government_accused_of_being_too_slow_to_respond_to_bird_flu',
    'At_least_71_deaths_in_Mexico_%27likely_linked%27_to_swine_flu_outbreak',
    'First_bird_flu_case_reported_in_North_Korea',
]
MEANTIME = [
    'corpus_airbus/129865_Airbus_offers_funding_to_search_for_black_boxes_from_Air_France_disaster.xml',
    'corpus_gm/',
    'corpus_apple/',
    'corpus_stock/',
]

def geovirus():
    root = ET.parse(os.path.join(data, 'dev/geo/GeoVirus.xml')).getroot()
    texts = {}
    for article in root.iter('article'):
        url = article.findtext('source')
        texts.setdefault(url, []).append(article.findtext('text').strip())
    os.makedirs(os.path.join(out, 'wikinews'), exist_ok=True)
    for slug in GEOVIRUS:
        url = 'https://en.wikinews.org/wiki/' + slug
        title = urllib.parse.unquote(slug).replace('_', ' ')
        name = re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')[:60]
        with open(os.path.join(out, 'wikinews', name + '.txt'), 'w') as f:
            f.write(title + '\n\n' + '\n\n'.join(texts[url]) + '\n')

NO_SPACE_BEFORE = {',', '.', ';', ':', '!', '?', ')', ']', '%', "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "'"}
NO_SPACE_AFTER = {'(', '[', '$', 'US$', '£', '€'}

def detokenize(tokens):
    text, quote_open, glue = '', False, True
    for token in tokens:
        if token in ('``', "''"):
            quote_open = token == "''"
            token = '"'
        if token == '"':
            if quote_open:
                text += '"'
                glue = False
            else:
                text += ('' if glue else ' ') + '"'
                glue = True
            quote_open = not quote_open
            continue
        if token in NO_SPACE_BEFORE or glue:
            text += token
        else:
            text += ' ' + token
        glue = token in NO_SPACE_AFTER
    return re.sub(r"(\w)' (m|s|re|ve|ll|d|t)\b", r"\1'\2", text)

def meantime():
    records = []
    base = os.path.join(data, 'meantime/intra-doc_annotation')
    for entry in MEANTIME:
        path = os.path.join(base, entry)
        if entry.endswith('/'):
            path = os.path.join(path, sorted(os.listdir(path))[0])
        root = ET.parse(path).getroot()
        sentences = {}
        for token in root.iter('token'):
            sentences.setdefault(int(token.get('sentence')), []).append(token.text or '')
        dct = next((t.get('value') for t in root.iter('TIMEX3') if t.get('functionInDocument') == 'CREATION_TIME'), None)
        order = sorted(sentences)
        title = detokenize(sentences[order[0]])
        body = [detokenize(sentences[i]) for i in order[2:]]  # order[1] is the dateline
        records.append({'id': root.get('doc_id'), 'url': root.get('url'), 'title': title,
                        'published': dct, 'text': ' '.join(body)})
    with open(os.path.join(out, 'wikinews.jsonl'), 'w') as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')

geovirus()
meantime()
