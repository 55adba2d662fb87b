"""Sample articles for `editorial demo`: fictional source texts with their translations."""

# The source texts are Arabic and Turkish prose: letters such as the Arabic alef, the
# Eastern Arabic digits and the Turkish dotless i are intended, not confusables.
# ruff: noqa: RUF001

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SampleArticle:
    id: str  # slug: lowercase ascii letters, digits, '-'
    language: str  # ISO code of the source: "ar", "fr", "tr" ...
    title: str  # the English title
    original_title: str  # the title in the source language
    author: str
    outlet: str
    url: str
    published: str  # "YYYY-MM-DD"
    source: str  # the original text: 3 to 5 paragraphs separated by one blank line
    translation: str  # the translator's English draft, same paragraphs, same order
    edited: str  # the editor's final English text: the draft with some real edits


# All outlets, authors, people and events below are invented for demonstration purposes.

SAMPLES: tuple[SampleArticle, ...] = (
    SampleArticle(
        id="aleppo-water-network",
        language="ar",
        title="Water Returns to Eastern Aleppo After Main Pipeline Repair",
        original_title="عودة المياه إلى الأحياء الشرقية في حلب بعد إصلاح خط الضخ الرئيسي",
        author="Rima al-Hasan",
        outlet="Al-Manara Daily",
        url="https://example.org/al-manara/2024/03/18/aleppo-water-network",
        published="2024-03-18",
        source=(
            "أعلنت المؤسسة العامة لمياه الشرب في حلب، يوم الأحد، عودة ضخ المياه إلى ١٢ حياً "
            "في القسم الشرقي من المدينة، بعد انقطاع استمر ٩ أيام بسبب عطل في خط الضخ الرئيسي."
            "\n\n"
            "وقال مدير المؤسسة المهندس سامر الخطيب إن فرق الصيانة عملت على مدار الساعة "
            "لاستبدال ٣٥٠ متراً من الأنابيب المتضررة، مشيراً إلى أن كلفة الأعمال بلغت نحو "
            "٤٠٠ مليون ليرة."
            "\n\n"
            "وأوضح الخطيب أن المياه ستصل إلى الطوابق العليا تدريجياً خلال الساعات الـ٤٨ "
            "المقبلة، داعياً السكان إلى ترشيد الاستهلاك ريثما يستقر الضغط في الشبكة."
            "\n\n"
            "وكان سكان أحياء الشعار والصاخور وطريق الباب قد اعتمدوا خلال فترة الانقطاع على "
            "صهاريج وزعها الهلال الأحمر العربي السوري ومنظمات محلية مجاناً."
        ),
        translation=(
            "The public drinking water authority in Aleppo announced on Sunday that pumping had "
            "resumed to 12 neighbourhoods in the eastern part of the city, after a 9-day outage "
            "caused by a fault in the main pumping line."
            "\n\n"
            "The authority's director, engineer Samer al-Khatib, said maintenance crews had "
            "worked around the clock to replace 350 metres of damaged pipes, adding that the "
            "work had cost about 400 million pounds."
            "\n\n"
            "Al-Khatib explained that water would reach the upper floors gradually over the next "
            "48 hours, and called on residents to limit their consumption until pressure in the "
            "network stabilised."
            "\n\n"
            "During the outage, residents of the Shaar, Sakhour and Tariq al-Bab neighbourhoods "
            "had relied on water tanks distributed free of charge by the Syrian Arab Red "
            "Crescent and local organisations."
        ),
        edited=(
            "Aleppo's public water authority announced on Sunday that pumping had resumed to 12 "
            "neighbourhoods in the eastern part of the city, ending a 9-day outage caused by a "
            "fault in the main pumping line."
            "\n\n"
            "The authority's director, engineer Samer al-Khatib, said maintenance crews had "
            "worked around the clock to replace 350 metres of damaged pipes, adding that the "
            "work had cost about 400 million Syrian pounds."
            "\n\n"
            "Al-Khatib explained that water would reach the upper floors gradually over the next "
            "48 hours, and called on residents to limit their consumption until pressure in the "
            "network stabilised."
            "\n\n"
            "During the outage, residents of the Shaar, Sakhour and Tariq al-Bab neighbourhoods "
            "had relied on water tankers distributed free of charge by the Syrian Arab Red "
            "Crescent and local organisations."
        ),
    ),
    SampleArticle(
        id="damascus-book-fair",
        language="ar",
        title="Damascus Book Fair Opens With 180 Publishers",
        original_title="انطلاق معرض دمشق للكتاب بمشاركة 180 دار نشر",
        author="Karim Mansour",
        outlet="Sada al-Assima",
        url="https://example.net/sada/culture/damascus-book-fair-32",
        published="2024-10-02",
        source=(
            "افتُتح في دمشق مساء الثلاثاء معرض الكتاب السنوي في دورته الـ32، بمشاركة 180 دار "
            "نشر من 14 دولة عربية وأجنبية، ويستمر حتى نهاية الشهر الجاري."
            "\n\n"
            "وتضم أجنحة المعرض أكثر من 40 ألف عنوان، من بينها إصدارات جديدة في الرواية "
            "والتاريخ وأدب الأطفال، إضافة إلى ركن خاص بالكتب المترجمة."
            "\n\n"
            "وقالت مديرة المعرض لينا حداد إن الإدارة خفّضت رسوم الدخول للطلاب، وخصصت يوماً "
            "كاملاً لزيارات المدارس، متوقعةً أن يتجاوز عدد الزوار 100 ألف زائر."
            "\n\n"
            "ويتضمن البرنامج الثقافي المرافق ندوات يومية وأمسيات شعرية وحفلات توقيع لكتّاب "
            "من دمشق وحلب وحمص."
        ),
        translation=(
            "The annual book fair opened in Damascus on Tuesday evening for its 32nd edition, "
            "with 180 publishing houses from 14 Arab and foreign countries taking part. It runs "
            "until the end of the month."
            "\n\n"
            "The fair's halls hold more than 40,000 titles, including new releases in fiction, "
            "history and children's literature, as well as a special corner for translated "
            "books."
            "\n\n"
            "Fair director Lina Haddad said the organisers had reduced admission fees for "
            "students and set aside a whole day for school visits, and that she expected the "
            "number of visitors to exceed 100,000."
            "\n\n"
            "The accompanying cultural programme includes daily seminars, poetry evenings and "
            "signing sessions with writers from Damascus, Aleppo and Homs."
        ),
        edited=(
            "The annual book fair opened in Damascus on Tuesday evening for its 32nd edition, "
            "with 180 publishers from 14 Arab and foreign countries taking part. It runs "
            "until the end of the month."
            "\n\n"
            "The fair's pavilions offer more than 40,000 titles, including new releases in "
            "fiction, history and children's literature, as well as a section devoted to "
            "translated books."
            "\n\n"
            "Fair director Lina Haddad said the organisers had reduced admission fees for "
            "students and set aside a whole day for school visits, and that she expected the "
            "number of visitors to exceed 100,000."
            "\n\n"
            "The cultural programme running alongside the fair includes daily seminars, poetry "
            "evenings and signing sessions with writers from Damascus, Aleppo and Homs."
        ),
    ),
    SampleArticle(
        id="homs-bread-price",
        language="ar",
        title="Subsidised Bread Price Doubles in Homs as Flour Costs Climb",
        original_title="ارتفاع سعر ربطة الخبز المدعوم في حمص بعد زيادة تكاليف الطحين",
        author="Maha Youssef",
        outlet="Wadi al-Asi News",
        url="https://example.org/wadi-al-asi/economy/homs-bread-price",
        published="2024-11-06",
        source=(
            "رفعت مديرية التجارة الداخلية في حمص سعر ربطة الخبز المدعوم من ٢٠٠ إلى ٤٠٠ ليرة، "
            "اعتباراً من صباح اليوم الأربعاء، في ثاني زيادة خلال عام واحد."
            "\n\n"
            "وبررت المديرية قرارها بارتفاع تكاليف الطحين والمحروقات، مؤكدةً أن وزن الربطة "
            "سيبقى ١١٠٠ غرام، وأن عدد المخابز العاملة في المحافظة يبلغ ٦٥ مخبزاً."
            "\n\n"
            "وأبدى عدد من السكان قلقهم من الزيادة، إذ قالت أم محمد، وهي أم لخمسة أطفال، إن "
            "أسرتها تحتاج إلى ربطتين يومياً على الأقل."
            "\n\n"
            "في المقابل، أعلنت جمعيات خيرية في المدينة عزمها توزيع الخبز مجاناً على ٣٠٠ عائلة "
            "من الأسر الأشد فقراً خلال الأشهر الثلاثة المقبلة."
        ),
        translation=(
            "The Directorate of Internal Trade in Homs raised the price of a bundle of "
            "subsidised bread from 200 to 400 pounds from this Wednesday morning, the second "
            "increase within a single year."
            "\n\n"
            "The directorate attributed its decision to the rising cost of flour and fuel, "
            "stressing that a bundle would still weigh 1100 grams and that 65 bakeries are "
            "operating in the province."
            "\n\n"
            "Several residents voiced concern about the increase. Umm Mohammed, a mother of "
            "five, said her family needs at least two bundles a day."
            "\n\n"
            "Meanwhile, charities in the city announced plans to distribute free bread to 300 "
            "of the poorest families over the next three months."
        ),
        edited=(
            "The Directorate of Internal Trade in Homs doubled the price of a bundle of "
            "subsidised bread from 200 to 400 pounds from Wednesday morning, the second "
            "increase in a year."
            "\n\n"
            "The directorate attributed its decision to the rising cost of flour and fuel, "
            "stressing that a bundle would still weigh 1100 grams and that 65 bakeries are "
            "operating in the province."
            "\n\n"
            "Several residents expressed concern over the increase. Umm Mohammed, a mother of "
            "five, said her family needs at least two bundles a day."
            "\n\n"
            "Meanwhile, charities in the city announced plans to distribute free bread to 300 "
            "of the city's poorest families over the next three months."
        ),
    ),
    SampleArticle(
        id="idlib-school-reopens",
        language="ar",
        title="Village School Reopens in Idlib Countryside After Renovation",
        original_title="إعادة افتتاح مدرسة الأمل في ريف إدلب بعد ترميمها",
        author="Hadi al-Saleh",
        outlet="Shamal Press",
        url="https://example.net/shamal-press/education/idlib-school-reopens",
        published="2024-09-23",
        source=(
            "عادت الدروس إلى مدرسة الأمل الابتدائية في ريف إدلب الجنوبي صباح الاثنين، بعد "
            "انقطاع دام أكثر من 3 سنوات، وذلك عقب انتهاء أعمال ترميم شملت الصفوف ودورات المياه."
            "\n\n"
            "وقال مدير المدرسة أحمد العمر إن 420 تلميذاً وتلميذة سجلوا للعام الدراسي الجديد، "
            "يتوزعون على 12 شعبة، ويتولى تدريسهم 18 معلماً ومعلمة."
            "\n\n"
            "وأضاف أن منظمة محلية تكفلت بتأمين الكتب والقرطاسية مجاناً، في حين لا تزال المدرسة "
            "بحاجة إلى مدافئ قبل حلول فصل الشتاء."
        ),
        translation=(
            "Lessons resumed on Monday morning at Al-Amal Primary School in the southern Idlib "
            "countryside after a break of more than 3 years, following the completion of "
            "renovation work on the classrooms and toilets."
            "\n\n"
            "Headteacher Ahmad al-Omar said 420 boys and girls had enrolled for the new school "
            "year. They are divided into 12 classes and taught by 18 teachers."
            "\n\n"
            "He added that a local organisation had provided books and stationery free of "
            "charge, but the school still needs heaters before winter sets in."
        ),
        edited=(
            "Lessons resumed on Monday morning at Al-Amal Primary School in the southern Idlib "
            "countryside after a break of more than 3 years, following the completion of "
            "renovation work on the classrooms and washrooms."
            "\n\n"
            "The school's headteacher, Ahmad al-Omar, said 420 pupils had enrolled for the new "
            "school year. They are divided into 12 classes and taught by 18 teachers."
            "\n\n"
            "He added that a local organisation had provided books and stationery free of "
            "charge, but the school still needs heaters before winter sets in."
        ),
    ),
    SampleArticle(
        id="cup-semifinal-nahda-shuala",
        language="ar",
        title="Late Winner Sends Al-Nahda Into the Republic Cup Final",
        original_title="النهضة يتغلب على الشعلة ويتأهل إلى نهائي كأس الجمهورية",
        author="Samir Haddad",
        outlet="Al-Malaeb Sports",
        url="https://example.org/al-malaeb/football/2024/04/27/cup-semifinal",
        published="2024-04-27",
        source=(
            "تأهل فريق النهضة إلى نهائي كأس الجمهورية لكرة القدم بعد فوزه على الشعلة 2-1، في "
            "المباراة التي أقيمت مساء الجمعة على ملعب حمص البلدي أمام نحو 15 ألف متفرج."
            "\n\n"
            "وافتتح الشعلة التسجيل في الدقيقة 23 عن طريق مهاجمه يوسف درويش، قبل أن يدرك قائد "
            "النهضة خالد سليمان التعادل من ركلة جزاء في الدقيقة 58."
            "\n\n"
            "وسجل البديل عمر النجار هدف الفوز في الدقيقة 87 بتسديدة قوية من خارج منطقة الجزاء."
            "\n\n"
            "ويلاقي النهضة في المباراة النهائية الفائزَ من مواجهة الفرات والبادية، المقررة "
            "الأسبوع المقبل في دمشق."
        ),
        translation=(
            "Al-Nahda reached the final of the Republic Cup after beating Al-Shuala 2-1 in "
            "Friday evening's match at the Homs municipal stadium, in front of about 15,000 "
            "spectators."
            "\n\n"
            "Al-Shuala opened the scoring in the 23rd minute through their striker Yousef "
            "Darwish, before Al-Nahda captain Khaled Suleiman equalised from a penalty in the "
            "58th minute."
            "\n\n"
            "Substitute Omar al-Najjar scored the winner in the 87th minute with a powerful shot "
            "from outside the area."
            "\n\n"
            "In the final, Al-Nahda will face the winner of the tie between Al-Furat and "
            "Al-Badia, scheduled for next week in Damascus."
        ),
        edited=(
            "Al-Nahda booked their place in the Republic Cup final after beating Al-Shuala 2-1 "
            "in Friday evening's match at the Homs municipal stadium, in front of about 15,000 "
            "spectators."
            "\n\n"
            "Al-Shuala opened the scoring in the 23rd minute through their striker Yousef "
            "Darwish, before Al-Nahda captain Khaled Suleiman equalised from a penalty in the "
            "58th minute."
            "\n\n"
            "Substitute Omar al-Najjar scored the winner in the 87th minute with a powerful "
            "strike from outside the penalty area."
            "\n\n"
            "In the final, Al-Nahda will face the winner of the tie between Al-Furat and "
            "Al-Badia, scheduled for next week in Damascus."
        ),
    ),
    SampleArticle(
        id="latakia-power-restored",
        language="ar",
        title="Power Restored to 27 Villages in Latakia Countryside After Storm",
        original_title="عودة التيار الكهربائي إلى قرى ريف اللاذقية بعد إصلاح المحولات",
        author="Nour Ibrahim",
        outlet="Sawt al-Sahel",
        url="https://example.net/sawt-al-sahel/local/latakia-power-restored",
        published="2024-12-03",
        source=(
            "أعادت الشركة العامة للكهرباء في اللاذقية التيار الكهربائي إلى ٢٧ قرية في الريف "
            "الشمالي، بعد إصلاح ٥ محولات رئيسية تضررت جراء العاصفة التي ضربت المنطقة الأسبوع "
            "الماضي."
            "\n\n"
            "وأفاد مصدر في الشركة بأن ورشات الصيانة نصبت ١٤٠ عموداً جديداً ومدّت نحو ١٨ "
            "كيلومتراً من الكابلات، رغم صعوبة الوصول إلى بعض المناطق الجبلية."
            "\n\n"
            "وأشار المصدر إلى أن برنامج التقنين سيعود إلى ما كان عليه قبل العاصفة، بواقع ٤ "
            "ساعات تغذية مقابل ساعتين من القطع."
            "\n\n"
            "من جهتهم، طالب أهالي القرى بتسريع أعمال الصيانة الدورية قبل حلول الشتاء، تجنباً "
            "لتكرار الأعطال التي تسببت أيضاً بانقطاع المياه عن منازلهم."
        ),
        translation=(
            "The General Electricity Company in Latakia restored power to 27 villages in the "
            "northern countryside after repairing 5 main transformers damaged by the storm that "
            "hit the area last week."
            "\n\n"
            "A source at the company said maintenance crews had put up 140 new poles and laid "
            "about 18 kilometres of cable, despite the difficulty of reaching some mountainous "
            "areas."
            "\n\n"
            "The source said the rationing schedule would return to what it was before the "
            "storm, with 4 hours of supply for every two hours of outage."
            "\n\n"
            "Villagers, for their part, called for routine maintenance to be speeded up before "
            "winter to avoid a repeat of the faults, which had also cut off water to their "
            "homes."
        ),
        edited=(
            "The state electricity company in Latakia restored power to 27 villages in the "
            "northern countryside after repairing 5 main transformers damaged by the storm that "
            "hit the area last week."
            "\n\n"
            "A source at the company said maintenance crews had put up 140 new poles and laid "
            "about 18 kilometres of cable, despite the difficulty of reaching some mountainous "
            "areas."
            "\n\n"
            "The source said power rationing would return to its pre-storm schedule of 4 hours "
            "of supply for every two hours without power."
            "\n\n"
            "Villagers called for routine maintenance to be brought forward before winter to "
            "avoid a repeat of the faults, which had also cut off water to their homes."
        ),
    ),
    SampleArticle(
        id="homs-families-return",
        language="ar",
        title="250 Families Return From Lebanon to Western Homs Countryside",
        original_title="عودة 250 عائلة من لبنان إلى قراها في ريف حمص الغربي",
        author="Layla Darwish",
        outlet="Wadi al-Asi News",
        url="https://example.org/wadi-al-asi/society/homs-families-return",
        published="2024-06-10",
        source=(
            "عادت 250 عائلة من لبنان إلى قراها في ريف حمص الغربي خلال الأسبوع الماضي عبر معبر "
            "جوسية الحدودي، وفق ما أفاد به مسؤول محلي."
            "\n\n"
            "وقدّم الهلال الأحمر العربي السوري للعائدين سلالاً غذائية وحقائب صحية، إضافة إلى "
            "خدمات الدعم النفسي للأطفال في مركز استقبال أُقيم قرب المعبر."
            "\n\n"
            "وقال أبو سليم، وهو أحد العائدين، إنه غادر قريته قبل 11 عاماً، ويأمل أن يتمكن من "
            "ترميم منزله قبل بدء الموسم الزراعي."
            "\n\n"
            "وتعمل لجنة محلية على حصر احتياجات العائدين، ولا سيما ترميم المنازل وإعادة تأهيل "
            "شبكات المياه والمدارس في 6 قرى."
        ),
        translation=(
            "A total of 250 families returned from Lebanon to their villages in the western "
            "Homs countryside over the past week through the Jousiyeh border crossing, a local "
            "official said."
            "\n\n"
            "The Syrian Arab Red Crescent gave the returnees food baskets and hygiene kits, as "
            "well as psychological support for children at a reception centre set up near the "
            "crossing."
            "\n\n"
            "Abu Salim, one of the returnees, said he had left his village 11 years ago and "
            "hoped to be able to repair his house before the farming season begins."
            "\n\n"
            "A local committee is assessing the returnees' needs, in particular the repair of "
            "homes and the rehabilitation of water networks and schools in 6 villages."
        ),
        edited=(
            "Some 250 families returned from Lebanon to their villages in the western Homs "
            "countryside last week via the Jousiyeh border crossing, according to a local "
            "official."
            "\n\n"
            "The Syrian Arab Red Crescent provided returnees with food parcels and hygiene kits, "
            "as well as psychological support for children at a reception centre set up near "
            "the crossing."
            "\n\n"
            "Abu Salim, one of the returnees, said he had left his village 11 years ago and "
            "hoped to repair his house before the start of the farming season."
            "\n\n"
            "A local committee is assessing the returnees' needs, in particular the repair of "
            "homes and the rehabilitation of water networks and schools in 6 villages."
        ),
    ),
    SampleArticle(
        id="idlib-ceasefire-extended",
        language="ar",
        title="Factions Agree to Extend Local Ceasefire in Eastern Idlib Countryside",
        original_title="الفصائل تتفق على تمديد وقف إطلاق النار في ريف إدلب الشرقي",
        author="Hadi al-Saleh",
        outlet="Shamal Press",
        url="https://example.net/shamal-press/news/idlib-ceasefire-extended",
        published="2024-05-12",
        source=(
            "أعلنت الفصائل المسلحة في ريف إدلب الشرقي اليوم موافقتها على تمديد وقف إطلاق النار "
            "30 يوماً إضافية، وذلك بعد جولة مفاوضات استمرت يومين بوساطة وجهاء محليين."
            "\n\n"
            "وينص الاتفاق على وقف القصف المتبادل، وفتح طريقين أمام حركة المدنيين والشاحنات "
            "الزراعية، والإفراج عن 8 محتجزين لدى الطرفين خلال الأسبوع الأول."
            "\n\n"
            "وقال أحد الوسطاء إن الهدف الأساسي من التمديد هو تمكين المزارعين من حصاد القمح، "
            "مشيراً إلى أن نحو 4 آلاف هكتار من الأراضي الزراعية تقع قرب خطوط التماس."
            "\n\n"
            "ومن المقرر أن تجتمع لجنة المتابعة في مدينة إدلب مطلع الشهر المقبل، لتقييم مدى "
            "الالتزام بالاتفاق وبحث إمكانية تحويله إلى اتفاق دائم."
        ),
        translation=(
            "Armed factions in the eastern Idlib countryside announced today that they had "
            "agreed to extend the ceasefire by a further 30 days, after a two-day round of "
            "negotiations mediated by local notables."
            "\n\n"
            "The agreement provides for an end to mutual shelling, the opening of two roads to "
            "civilians and farm lorries, and the release of 8 detainees held by the two sides "
            "during the first week."
            "\n\n"
            "One of the mediators said the main aim of the extension was to allow farmers to "
            "harvest their wheat, noting that about 4,000 hectares of farmland lie close to the "
            "front lines."
            "\n\n"
            "The follow-up committee is due to meet in Idlib city early next month to assess "
            "compliance with the agreement and to discuss turning it into a permanent one."
        ),
        edited=(
            "Rebel factions in the eastern Idlib countryside announced on Sunday that they had "
            "agreed to extend the ceasefire by a further 30 days, after two days of talks "
            "mediated by local notables."
            "\n\n"
            "The agreement provides for an end to mutual shelling, the opening of two roads to "
            "civilians and farm trucks, and the release of 8 detainees held by the two sides "
            "during the first week."
            "\n\n"
            "One of the mediators said the main aim of the extension was to allow farmers to "
            "harvest their wheat, noting that about 4,000 hectares of farmland lie close to the "
            "front lines."
            "\n\n"
            "The follow-up committee is due to meet in Idlib city early next month to assess "
            "compliance with the agreement and to discuss making it permanent."
        ),
    ),
    SampleArticle(
        id="bekaa-sowing-season",
        language="fr",
        title="Bekaa Farmers Begin Sowing Season Despite Costly Fertiliser",
        original_title=(
            "Dans la Békaa, les agriculteurs entament la saison des semis "
            "malgré la cherté des engrais"
        ),
        author="Nadia Maalouf",
        outlet="Le Courrier de la Plaine",
        url="https://example.org/courrier-plaine/2024/04/09/saison-des-semis",
        published="2024-04-09",
        source=(
            "Les agriculteurs de la plaine de la Békaa ont entamé cette semaine la saison des "
            "semis de pommes de terre, sous un ciel enfin clément après plusieurs jours de pluie. "
            "Selon la coopérative agricole de Zahlé, près de 2 500 hectares devraient être "
            "plantés d'ici la fin du mois."
            "\n\n"
            "Mais la hausse du prix des intrants inquiète. Le sac de 50 kilos d'engrais se vend "
            "désormais 38 dollars, contre 25 dollars l'an dernier, explique Georges Khoury, qui "
            "cultive 12 hectares près de Chtaura."
            "\n\n"
            "Pour alléger la facture, la coopérative a lancé un programme d'achats groupés "
            "auquel 140 familles ont déjà adhéré. Elle espère aussi obtenir des semences "
            "subventionnées auprès du ministère de l'Agriculture."
        ),
        translation=(
            "Farmers in the Bekaa plain began the potato sowing season this week, under skies "
            "that had finally cleared after several days of rain. According to the Zahle "
            "agricultural cooperative, nearly 2,500 hectares should be planted by the end of "
            "the month."
            "\n\n"
            "But rising input prices are a concern. A 50-kilo bag of fertiliser now sells for "
            "38 dollars, compared with 25 dollars last year, says Georges Khoury, who farms 12 "
            "hectares near Chtaura."
            "\n\n"
            "To ease the burden, the cooperative has launched a bulk-buying scheme that 140 "
            "families have already joined. It also hopes to obtain subsidised seed from the "
            "Ministry of Agriculture."
        ),
        edited=(
            "Farmers in the Bekaa plain began the potato sowing season this week, as the skies "
            "finally cleared after several days of rain. According to the Zahle agricultural "
            "cooperative, nearly 2,500 hectares should be planted by the end of the month."
            "\n\n"
            "But rising input prices are a concern. A 50-kilo bag of fertiliser now sells for "
            "$38, up from $25 last year, says Georges Khoury, who farms 12 hectares near "
            "Chtaura."
            "\n\n"
            "To ease the burden, the cooperative has launched a group purchasing scheme that 140 "
            "families have already joined. It also hopes to obtain subsidised seed from the "
            "Ministry of Agriculture."
        ),
    ),
    SampleArticle(
        id="kilis-state-hospital",
        language="tr",
        title="New 200-Bed State Hospital Opens in Kilis",
        original_title="Kilis'te 200 yataklı yeni devlet hastanesi hizmete açıldı",
        author="Elif Karaca",
        outlet="Sınır Postası",
        url="https://example.net/sinir-postasi/saglik/kilis-devlet-hastanesi",
        published="2024-07-15",
        source=(
            "Kilis'te yapımı iki yıl süren 200 yataklı yeni devlet hastanesi, düzenlenen törenle "
            "hizmete açıldı. Törene vali, belediye başkanı ve çok sayıda vatandaş katıldı."
            "\n\n"
            "Hastanede 12 ameliyathane, 30 yataklı yoğun bakım ünitesi ve 45 poliklinik "
            "bulunuyor. İl Sağlık Müdürü, hastanenin günde yaklaşık 3 bin hastaya hizmet "
            "vermesinin beklendiğini söyledi."
            "\n\n"
            "Yetkililer, hastanenin sınır bölgesinde yaşayan Suriyeli aileler de dahil olmak "
            "üzere tüm vatandaşlara hizmet vereceğini vurguladı. Hastanede Arapça bilen "
            "tercümanlar da görev yapacak."
            "\n\n"
            "Eski hastane binasının ise yenilenerek fizik tedavi merkezine dönüştürülmesi "
            "planlanıyor."
        ),
        translation=(
            "Kilis's new 200-bed state hospital, which took two years to build, was opened "
            "with a ceremony attended by the governor, the mayor and many residents."
            "\n\n"
            "The hospital has 12 operating theatres, a 30-bed intensive care unit and 45 "
            "outpatient clinics. The provincial health director said the hospital was expected "
            "to serve about 3,000 patients a day."
            "\n\n"
            "Officials stressed that the hospital would serve everyone, including Syrian "
            "families living in the border area. Arabic-speaking interpreters will also work "
            "at the hospital."
            "\n\n"
            "The old hospital building is due to be renovated and turned into a physiotherapy "
            "centre."
        ),
        # Approved by the editor without changes.
        edited=(
            "Kilis's new 200-bed state hospital, which took two years to build, was opened "
            "with a ceremony attended by the governor, the mayor and many residents."
            "\n\n"
            "The hospital has 12 operating theatres, a 30-bed intensive care unit and 45 "
            "outpatient clinics. The provincial health director said the hospital was expected "
            "to serve about 3,000 patients a day."
            "\n\n"
            "Officials stressed that the hospital would serve everyone, including Syrian "
            "families living in the border area. Arabic-speaking interpreters will also work "
            "at the hospital."
            "\n\n"
            "The old hospital building is due to be renovated and turned into a physiotherapy "
            "centre."
        ),
    ),
    # A new outage in the same city: the source repeats the last paragraph of
    # aleppo-water-network word for word and varies its third, so that `editorial tm` and
    # `editorial draft` find an exact and a fuzzy match in the desk's archive.
    SampleArticle(
        id="aleppo-water-cut-again",
        language="ar",
        title="Water Cut Again in Five Eastern Aleppo Neighbourhoods",
        original_title="انقطاع المياه مجدداً عن خمسة أحياء شرقي حلب",
        author="Rima al-Hasan",
        outlet="Al-Manara Daily",
        url="https://example.org/al-manara/2024/04/02/aleppo-water-cut-again",
        published="2024-04-02",
        source=(
            "أعلنت المؤسسة العامة لمياه الشرب في حلب، يوم الثلاثاء، انقطاع المياه مجدداً عن "
            "٥ أحياء في القسم الشرقي من المدينة بسبب أعمال صيانة في محطة سليمان الحلبي."
            "\n\n"
            "وأوضح الخطيب أن المياه ستصل إلى الطوابق العليا تدريجياً خلال الساعات الـ٧٢ "
            "المقبلة، داعياً السكان إلى ترشيد الاستهلاك ريثما تنتهي أعمال الصيانة."
            "\n\n"
            "وكان سكان أحياء الشعار والصاخور وطريق الباب قد اعتمدوا خلال فترة الانقطاع على "
            "صهاريج وزعها الهلال الأحمر العربي السوري ومنظمات محلية مجاناً."
        ),
        translation=(
            "Aleppo's public water authority announced on Tuesday that water had been cut "
            "again to 5 neighbourhoods in the eastern part of the city because of maintenance "
            "work at the Suleiman al-Halabi station."
            "\n\n"
            "Al-Khatib explained that water would reach the upper floors gradually over the next "
            "72 hours, and called on residents to limit their consumption until the "
            "maintenance work is finished."
            "\n\n"
            "During the outage, residents of the Shaar, Sakhour and Tariq al-Bab neighbourhoods "
            "had relied on water tankers distributed free of charge by the Syrian Arab Red "
            "Crescent and local organisations."
        ),
        edited=(
            "Aleppo's public water authority announced on Tuesday that water had been cut "
            "again to 5 neighbourhoods in the east of the city because of maintenance work at "
            "the Suleiman al-Halabi station."
            "\n\n"
            "Al-Khatib explained that water would reach the upper floors gradually over the next "
            "72 hours, and called on residents to limit their consumption until the "
            "maintenance work is finished."
            "\n\n"
            "During the outage, residents of the Shaar, Sakhour and Tariq al-Bab neighbourhoods "
            "had relied on water tankers distributed free of charge by the Syrian Arab Red "
            "Crescent and local organisations."
        ),
    ),
)

GLOSSARY: tuple[dict[str, object], ...] = (
    {
        "source": "حلب",
        "target": "Aleppo",
        "forbidden": ["Halab", "Haleb"],
        "note": "Use the established English name of the city, never a transliteration.",
    },
    {
        "source": "دمشق",
        "target": "Damascus",
        "forbidden": ["Dimashq", "Dimashk"],
        "note": "Established English name; never transliterate the Arabic.",
    },
    {
        "source": "حمص",
        "target": "Homs",
        "forbidden": ["Hims", "Hums"],
        "note": "City and province; 'Homs countryside' for ريف حمص.",
    },
    {
        "source": "إدلب",
        "target": "Idlib",
        "source_variants": ["ادلب"],
        "forbidden": ["Edlib", "Idleb"],
        "note": "Sources often drop the hamza; the English spelling is always 'Idlib'.",
    },
    {
        "source": "الهلال الأحمر",
        "target": "Red Crescent",
        "source_variants": ["الهلال الاحمر"],
        "forbidden": ["Red Cross"],
        "note": "In Syria the organisation is the 'Syrian Arab Red Crescent' (SARC).",
    },
    {
        "source": "وقف إطلاق النار",
        "target": "ceasefire",
        "source_variants": ["وقف اطلاق النار"],
        "forbidden": ["cease-fire", "cease fire"],
        "note": "One word, lower case. Keep 'truce' for هدنة.",
    },
)
