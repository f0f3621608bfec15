"""Builds a folder of real page files, named as people name them, from the
rmrb-2019 data (read from ../shared/data, never committed): each page of 10
days of 人民日报 2019-10 as one file (its articles in order), in four naming
patterns, and a second paper on the same dates (pages of 2019-02 renamed onto
the October dates under the 新民晚报 code `xmwb`). Writes the expected
(paper, date, page) of every file to OUT/../walk-expected.json.

usage: make_pages.py RMRB_DIR OUT   (RMRB_DIR holds 2019年10月/ and 2019年2月/)"""
import os, sys, collections, shutil
src = sys.argv[1]; out = sys.argv[2]
shutil.rmtree(out, ignore_errors=True)
def pages_of(month_dir, day):
    d = os.path.join(month_dir, day)
    pages = collections.OrderedDict()
    for f in sorted(os.listdir(d)):
        _, pp, nn = f[:-4].split('-')
        text = open(os.path.join(d, f), encoding='utf-8').read().replace('\r\n', '\n').strip('\n')
        pages.setdefault(pp, []).append(text)
    return pages
oct_days = sorted(os.listdir(os.path.join(src, '2019年10月')))[:10]
feb_days = sorted(os.listdir(os.path.join(src, '2019年2月')))[:10]
n = 0
expected = []
for i, day in enumerate(oct_days):
    y, m, d = day[:4], day[4:6], day[6:]
    for pp, arts in pages_of(os.path.join(src, '2019年10月'), day).items():
        text = '\n\n'.join(arts) + '\n'
        if i < 3: path = f'rmrb-{day}-{pp}.txt'
        elif i < 5: path = f'rmrb/{day}/{pp}.txt'
        elif i < 7: path = f'人民日报_{y}-{m}-{d}_第{int(pp)}版.txt'
        else: path = f'rmrb/{y}/{m}/{d}/p{pp}.txt'
        p = os.path.join(out, 'rmrb-2019-10', path)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        open(p, 'w', encoding='utf-8').write(text)
        expected.append(('人民日报', f'{y}-{m}-{d}', str(int(pp))))
for day, feb in zip(oct_days, feb_days):
    for pp, arts in pages_of(os.path.join(src, '2019年2月'), feb).items():
        p = os.path.join(out, 'xmwb', f'xmwb_{day}_{pp}.txt')
        os.makedirs(os.path.dirname(p), exist_ok=True)
        open(p, 'w', encoding='utf-8').write('\n\n'.join(arts) + '\n')
        expected.append(('新民晚报', f'{day[:4]}-{day[4:6]}-{day[6:]}', str(int(pp))))
import json
json.dump(expected, open(os.path.join(os.path.dirname(os.path.abspath(out)), 'walk-expected.json'), 'w'), ensure_ascii=False)
print(len(expected), 'pages')
