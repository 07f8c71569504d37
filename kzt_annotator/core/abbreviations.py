"""English abbreviations for the sentence splitter (core/sentences.py), as pysbd 0.3.4 lists them.

Copied from pysbd (https://github.com/nipunsadvilkar/pySBD, `pysbd/lang/common/standard.py`,
MIT licence: its notice is at the end of this file), unchanged and in its order: importing them
from pysbd loaded its segmenter and every language it ships (about 1.3 MB of memory in the
program for these two lists). tests/core/test_sentences.py checks the copy against pysbd's own
lists when pysbd is installed.
"""

from __future__ import annotations

# titles and other words that come before a name: never the end of a sentence
PREPOSITIVE_ABBREVIATIONS = tuple(
    """
    adm attys brig capt cmdr col cpl det dr gen gov ing lt maj mr mrs ms mt messrs mssrs prof ph
    rep reps rev sen sens sgt st supt v vs fig
    """.split()
)

# every abbreviation (the titles too)
ABBREVIATIONS = tuple(
    """
    adj adm adv al ala alta apr arc ariz ark art assn asst attys aug ave bart bld bldg blvd brig
    bros btw cal calif capt cl cmdr co col colo comdr con conn corp cpl cres ct d.phil dak dec
    del dept det dist dr dr.phil dr.philos drs e.g ens esp esq etc exp expy ext feb fed fla ft
    fwy fy ga gen gov hon hosp hr hway hwy i.e ia id ida ill inc ind ing insp is jan jr jul jun
    kan kans ken ky la lt ltd maj man mar mass may md me med messrs mex mfg mich min minn miss
    mlle mm mme mo mont mr mrs ms msgr mssrs mt mtn neb nebr nev no nos nov nr oct ok okla ont
    op ord ore p pa pd pde penn penna pfc ph ph.d pl plz pp prof pvt que rd rs ref rep reps res
    rev rt sask sec sen sens sep sept sfc sgt sr st supt surg tce tenn tex univ usafa u.s ut va
    v ver viz vs vt wash wis wisc wy wyo yuk fig
    """.split()
)

# pysbd's licence, which covers the two lists above:
#
# MIT License
#
# Copyright (c) 2019 Nipun Sadvilkar
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
# SOFTWARE.
