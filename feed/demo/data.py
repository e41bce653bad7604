"""The words of the demo feed: what PT Kolega Nusantara's people write, in both languages.

A *theme* is one kind of thing people post (a month-end closing update, a sales win, an IT
outage...): who writes it (``authors``), where (``place``), how often (``weight``), when
(``months``, ``season``, ``month_end``, ``weekend``, ``hours``), how much conversation it
draws (``engagement``, ``share``, ``reactions``) and its templates in English (``en``) and
Indonesian (``id``). ``feed.demo`` fills the ``{slots}`` (see ``VALUES`` and the slots it
computes: people to mention, dates, the author's team...) and renders each template once.

Templates keep to what renders the same whatever fills the slots: a slot never sits inside
a ``#hashtag``, and values hold no Markdown, ``@`` or ``#`` (a test renders every template).

place:   "company" | "dept" (the author's department community) | "dept:<Department>" |
         "community:<slug>" | "own" (company-wide or the author's department) |
         "any" (any community the author may post in) | "admin" (a community they run)
authors: None (anyone who may post there) | "dept:<A>|<B>" | "communicators" | "ceo" |
         "managers" | "heads" | "admins" (the community's owners and admins)
per_day: instead of ``weight``: so many a working day whatever the company's size
         (announcements, the CEO's updates, the weekly bulletin)
kind:    "post" | "poll" (templates are dicts with body, q, options, multi) |
         "praise" (templates are (value, text)) | "announcement"
"""

# --- reactions -----------------------------------------------------------------------------

REACTIONS = {"like": 50, "celebrate": 14, "insightful": 14, "support": 12, "funny": 10}
CELEBRATE = {"like": 30, "celebrate": 55, "insightful": 5, "support": 8, "funny": 2}
USEFUL = {"like": 45, "celebrate": 5, "insightful": 35, "support": 12, "funny": 3}
SUPPORT = {"like": 30, "celebrate": 2, "insightful": 18, "support": 48, "funny": 2}
FUN = {"like": 45, "celebrate": 12, "insightful": 3, "support": 5, "funny": 35}

# Hours of the day (local time) and their weights.
HOURS = {
    "office": {7: 2, 8: 7, 9: 11, 10: 12, 11: 9, 12: 4, 13: 8, 14: 10, 15: 10, 16: 8, 17: 5,
               18: 2, 19: 1, 20: 1.5, 21: 1, 22: 0.5},
    "lunch": {10: 2, 11: 10, 12: 12, 13: 5, 14: 1, 16: 2, 17: 3},
    "social": {6: 2, 7: 3, 8: 3, 9: 3, 10: 3, 11: 5, 12: 8, 13: 4, 15: 2, 16: 3, 17: 6, 18: 6,
               19: 7, 20: 8, 21: 5, 22: 2},
    "any": {0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 2, 7: 3, 8: 6, 9: 9, 10: 9, 11: 7, 12: 4,
            13: 7, 14: 8, 15: 8, 16: 7, 17: 5, 18: 3, 19: 2, 20: 2, 21: 2, 22: 1, 23: 1},
    "weekend": {6: 4, 7: 6, 8: 7, 9: 7, 10: 6, 11: 5, 12: 4, 13: 3, 14: 3, 15: 3, 16: 3,
                17: 3, 18: 3, 19: 4, 20: 5, 21: 4, 22: 2},
}  # fmt: skip

# --- slot values ---------------------------------------------------------------------------
# A list serves both languages; a dict gives each language its own.

VALUES = {
    "customer": [
        "PT Sinar Abadi Logistik", "PT Nusantara Retailindo", "CV Maju Bersama",
        "PT Bumi Karya Persada", "PT Mega Farma Sejahtera", "PT Cahaya Timur Distribusi",
        "Grup Harapan Jaya", "PT Indo Pangan Lestari", "PT Samudra Ekspres",
        "PT Garuda Makmur Tekstil", "Lion City Fresh Pte Ltd", "PT Borneo Agro Mandiri",
        "PT Wijaya Karya Niaga", "Koperasi Tani Makmur", "PT Surya Kencana Motor",
    ],
    "amount": {
        "id": ["Rp 450 juta", "Rp 750 juta", "Rp 1,2 miliar", "Rp 1,8 miliar", "Rp 2,4 miliar",
               "Rp 3,1 miliar", "Rp 5 miliar"],
        "en": ["IDR 450 million", "IDR 750 million", "IDR 1.2 billion", "IDR 1.8 billion",
               "IDR 2.4 billion", "IDR 3.1 billion", "IDR 5 billion"],
    },
    "product": ["KolegaPay", "Kolega Mitra", "Kolega Insight", "Kolega Fleet", "Kolega POS",
                "Kolega UMKM"],
    "feature": {
        "id": ["pembayaran QRIS", "e-invoice", "pelacakan real-time", "dark mode",
               "upload massal", "notifikasi WhatsApp", "laporan harian otomatis"],
        "en": ["QRIS payments", "e-invoicing", "real-time tracking", "dark mode", "bulk upload",
               "WhatsApp notifications", "automatic daily reports"],
    },
    "system": {
        "id": ["VPN", "email", "Wi-Fi lantai 12", "SAP", "portal HR", "printer lantai 8",
               "aplikasi absensi", "Zoom Rooms", "server file", "jaringan kantor Surabaya"],
        "en": ["VPN", "Email", "Wi-Fi (12th floor)", "SAP", "HR portal", "8th-floor printing",
               "Attendance app", "Zoom Rooms", "File server", "Surabaya office network"],
    },
    "restaurant": ["Warung Bu Tini", "Bakmi Ayam Pak Min", "Nasi Padang Uni Rina",
                   "Soto Lamongan Cak Har", "Gado-gado Bu Endang", "Ayam Geprek Mas Bro",
                   "Sate Madura Pak Kumis", "Warung Sunda Ceu Imas", "Kopitiam Pak Ahok"],
    "dish": ["nasi goreng kampung", "soto ayam", "rendang", "gado-gado", "bakso", "mie ayam",
             "sate ayam", "nasi uduk", "pempek", "gudeg", "rawon", "ayam betutu", "laksa",
             "nasi liwet", "es cendol", "martabak manis"],
    "book": ["Laskar Pelangi", "Bumi Manusia", "Atomic Habits", "Cantik Itu Luka", "Sapiens",
             "Filosofi Teras", "The Psychology of Money", "Laut Bercerita", "Deep Work",
             "Pulang", "Thinking, Fast and Slow", "Ronggeng Dukuh Paruk"],
    "place": ["Labuan Bajo", "Raja Ampat", "Danau Toba", "Bromo", "Dieng", "Belitung", "Lombok",
              "Bukittinggi", "Ubud", "Karimunjawa", "Wakatobi", "Tana Toraja"],
    "race": ["Jakarta Marathon", "Borobudur Marathon", "Bali Marathon", "Pocari Run",
             "Bandung Half Marathon"],
    "training": {
        "id": ["Excel untuk Finance", "Leadership Essentials", "public speaking", "K3 dasar",
               "P3K", "negosiasi", "Python untuk analis", "coaching untuk manajer"],
        "en": ["Excel for Finance", "Leadership Essentials", "public speaking", "basic K3 safety",
               "first aid", "negotiation", "Python for analysts", "coaching for managers"],
    },
    "vendor": ["PT Prima Kemas", "CV Sentosa Karton", "PT Armada Trans", "PT Sumber Teknik",
               "CV Berkah Catering", "PT Citra Cleaning Service"],
    "warehouse": ["gudang Cikarang", "gudang Sidoarjo", "gudang Medan", "DC Bandung",
                  "hub Yogyakarta"],
    "score": ["21-18, 21-15", "21-19, 18-21, 21-17", "21-12, 21-16", "19-21, 21-18, 22-20"],
    "small": ["2", "3", "4", "5", "6", "7", "8"],
    "number": ["12", "15", "18", "20", "24", "27", "30", "35", "40", "48", "55"],
    "percent": ["82", "87", "91", "94", "96", "98"],
    "target": ["94", "98", "103", "108", "112", "120"],
    "share": ["38", "45", "52", "61", "70"],
    "speedup": ["15", "20", "25", "30", "40", "60"],
    "minutes": ["15", "20", "25", "30", "40", "45", "60", "90"],
    "time": {"id": ["09.00", "10.00", "13.30", "14.00", "15.00", "16.00"],
             "en": ["9 am", "10 am", "1.30 pm", "2 pm", "3 pm", "4 pm"]},
}  # fmt: skip

MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}  # fmt: skip
WEEKDAYS = {
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
AND = {"id": "dan", "en": "and"}

# --- the calendar --------------------------------------------------------------------------
# Public holidays (near-silent days) and seasons (when their themes appear). Dates that move
# with the lunar calendars are listed for the years the demo will plausibly be run.

FIXED_HOLIDAYS = [(1, 1), (5, 1), (6, 1), (8, 17), (12, 25), (12, 26)]
MOVING_HOLIDAYS = [
    # Chinese New Year, Isra Mi'raj, Nyepi, Good Friday, Idul Fitri (+ cuti bersama),
    # Waisak, Ascension, Idul Adha, Islamic New Year, Maulid.
    "2025-01-27", "2025-01-29", "2025-03-29", "2025-03-31", "2025-04-01", "2025-04-02",
    "2025-04-03", "2025-04-04", "2025-04-07", "2025-04-18", "2025-05-12", "2025-05-29",
    "2025-06-06", "2025-06-27", "2025-09-05",
    "2026-01-16", "2026-02-17", "2026-03-19", "2026-03-20", "2026-03-21", "2026-03-23",
    "2026-03-24", "2026-03-25", "2026-04-03", "2026-05-14", "2026-05-27", "2026-05-31",
    "2026-06-16", "2026-08-25",
    "2027-02-06", "2027-03-08", "2027-03-10", "2027-03-11", "2027-03-12", "2027-03-15",
    "2027-03-26", "2027-05-06", "2027-05-16", "2027-05-20", "2027-06-06", "2027-08-15",
]  # fmt: skip
SEASONS = {
    # Name -> list of (first day, last day), ISO dates; "MM-DD" ranges repeat every year.
    "ramadan": [("2025-03-01", "2025-03-29"), ("2026-02-18", "2026-03-19"),
                ("2027-02-08", "2027-03-09")],
    "lebaran": [("2025-03-24", "2025-04-11"), ("2026-03-13", "2026-03-31"),
                ("2027-03-03", "2027-03-20")],
    "chinese_new_year": [("2025-01-20", "2025-02-02"), ("2026-02-08", "2026-02-20"),
                         ("2027-01-28", "2027-02-09")],
    "idul_adha": [("2025-05-30", "2025-06-07"), ("2026-05-20", "2026-05-28"),
                  ("2027-05-09", "2027-05-17")],
    "independence": [("08-01", "08-19")],
    "batik_day": [("09-28", "10-03")],
    "christmas": [("12-08", "12-27")],
    "new_year": [("12-27", "12-31"), ("01-01", "01-07")],
}  # fmt: skip
# Idul Fitri and cuti bersama: the office is half empty for longer than the holidays.
QUIET_SEASONS = {"lebaran": 0.45}

# --- generic conversation --------------------------------------------------------------------

COMMENTS = {
    "id": ["Mantap! 👍", "Keren, terima kasih infonya.", "Siap, noted 🙏", "Setuju banget.",
           "Semangat! 💪", "Wah, baru tahu. Makasih {author_first}!",
           "Noted, nanti saya teruskan ke tim.", "Mantap, sukses terus!",
           "Boleh minta detailnya via DM?", "Izin share ke tim saya ya.",
           "Terima kasih sudah berbagi, {author_first}.", "👏👏👏", "Good job tim!",
           "Ini sangat membantu.", "Luar biasa 🔥", "Ditunggu update berikutnya.",
           "Sip, terima kasih.", "Kereeen 😍", "Setuju sama {author_mention} 👍",
           "Wah, mantap. Kapan-kapan ajak tim kami juga ya."],
    "en": ["Great work! 👏", "Thanks for sharing, {author_first}.", "Noted, thanks.",
           "Love this!", "Well done, team 🎉", "Very helpful, thank you.", "+1", "Agreed.",
           "Nice one!", "Looking forward to the next update.", "Could you share the slides?",
           "This is brilliant.", "Congrats! 🎉", "Good stuff, {author_first}.",
           "Thanks, passing this on to my team.", "Totally agree with {author_mention}."],
}  # fmt: skip
REPLIES = {
    "id": ["Terima kasih, {parent_first}! 🙏", "Sama-sama 😊", "Siap, nanti saya kirim via DM.",
           "Betul, {parent_first}.", "Haha, setuju!", "Nanti kita bahas di meeting ya.",
           "Sudah saya kirim ke email, {parent_mention}.", "Makasih masukannya!",
           "Boleh, {parent_first}. Kabari saja.", "Nah itu dia 😄"],
    "en": ["Thanks, {parent_first}! 🙏", "You're welcome 😊", "Will send it over by email.",
           "Good point, {parent_first}.", "Haha, agreed!", "Let's pick this up in our next sync.",
           "Sent you the link, {parent_mention}.", "Thanks for the feedback!",
           "Sure, {parent_first}, just ping me.", "Exactly 😄"],
}  # fmt: skip
SHARES = {
    "id": ["", "", "Penting untuk semua tim {dept} 👇", "Info penting, silakan dibaca.",
           "Wajib baca 👆", "Sharing dari tim sebelah, keren!", "Selamat untuk timnya! 🎉",
           "Teman-teman, mohon dibaca ya."],
    "en": ["", "", "Worth a read 👇", "Sharing with my team.", "Great news, well deserved!",
           "Please read this, everyone.", "Important for everyone in {dept}."],
}  # fmt: skip
POLL_COMMENTS = {
    "id": ["Sudah vote ya 🙋", "Opsi kedua paling masuk akal sih.", "Susah milihnya 😅",
           "Kalau bisa dua-duanya?", "Vote sudah masuk, ditunggu hasilnya!"],
    "en": ["Voted! 🙋", "Option two makes the most sense to me.", "Tough choice 😅",
           "Can we have both?", "Voted, can't wait to see the results."],
}  # fmt: skip
PRAISE_COMMENTS = {
    "id": ["Selamat {praised_first}! Sangat layak 👏", "Well deserved! 🎉",
           "Setuju, {praised_first} memang luar biasa.", "Keren banget, selamat ya!",
           "Bangga sama kalian 💚", "Mantap {praised_mention}! 🔥"],
    "en": ["Congrats {praised_first}! Well deserved 👏", "So well deserved! 🎉",
           "Agreed, {praised_first} is a star.", "Brilliant work, congratulations!",
           "Proud of you all 💚", "Way to go {praised_mention}! 🔥"],
}  # fmt: skip
ANNOUNCEMENT_COMMENTS = {
    "id": ["Noted, terima kasih infonya 🙏", "Siap, terima kasih.", "Terima kasih {author_first}!",
           "Izin bertanya, ini berlaku juga untuk kantor cabang?", "Noted 👍",
           "Apakah ada rekamannya untuk yang berhalangan hadir?"],
    "en": ["Noted, thanks 🙏", "Thanks for the heads-up, {author_first}!",
           "Does this apply to the branch offices too?", "Noted 👍",
           "Will there be a recording for those who can't make it?"],
}  # fmt: skip
PRAISE_HEADLINES = {"id": "Apresiasi", "en": "Kudos"}

# Tags people follow (their posts join the follower's home feed).
POPULAR_TAGS = ["techtalk", "saleswin", "k3", "itstatus", "productlaunch", "ngopi",
                "penilaiankinerja", "tutupbuku", "kuliner", "lari", "green", "ramadan"]  # fmt: skip

# --- the themes ----------------------------------------------------------------------------

THEMES = [
    # -- company-wide, anyone ----------------------------------------------------------------
    {
        "key": "question", "place": "own", "weight": 3, "engagement": 1.6, "reactions": USEFUL,
        "id": [
            "Ada yang tahu cara klaim reimburse kacamata di portal HR? Formnya di menu mana ya? 🙏",
            "Teman-teman, ruang meeting besar lantai 9 bisa dibooking lewat mana sekarang?",
            "Ada rekomendasi template laporan bulanan yang rapi untuk tim {team}?",
            "Mau tanya, kalau lupa absen pulang karena aplikasi absensi error, lapornya ke siapa?",
            "Ada yang punya kontak vendor {vendor}? Tim kami perlu penawaran minggu ini.",
            "Minta saran dong: tools apa yang kalian pakai untuk meeting notes? "
            "Kami masih manual di spreadsheet 😅",
            "Parkir motor di kantor {office} masih bisa daftar bulanan atau sudah penuh?",
        ],
        "en": [
            "Does anyone know how to claim glasses reimbursement in the HR portal? "
            "I can't find the form 🙏",
            "Quick question: how do we book the big meeting room on the 9th floor now?",
            "Any recommendations for a clean monthly report template for {team}?",
            "Who do I contact if the attendance app failed to record my check-out?",
            "Does anyone have a contact at {vendor}? We need a quote this week.",
            "What do you all use for meeting notes? We're still on spreadsheets 😅",
        ],
        "comments_id": ["Di menu Klaim > Kesehatan, {author_first}. Lampirkan kuitansi ya.",
                        "Coba tanya {mention} dari tim HR.", "Saya juga penasaran 😅",
                        "Lewat aplikasi Kolega Rooms, login pakai akun kantor."],
        "comments_en": ["It's under Claims > Health, {author_first}. Attach the receipt.",
                        "Try asking {mention}, they sorted this out for us.",
                        "Following, I'd like to know too 😅"],
    },
    {
        "key": "knowledge", "place": "own", "weight": 2.2, "reactions": USEFUL, "share": 0.04,
        "id": [
            "Sharing sedikit dari training {training} kemarin:\n\n"
            "- Mulai dari masalah, bukan solusi\n- Satu slide, satu pesan\n"
            "- Minta feedback lebih awal\n\nSemoga bermanfaat! #Belajar",
            "Baru selesai baca {book}. Satu kalimat yang nempel: kebiasaan kecil yang konsisten "
            "mengalahkan semangat sesaat. Rekomendasi buat yang lagi cari bacaan. #Belajar",
            "Tips Excel hari ini: pakai **XLOOKUP** daripada VLOOKUP, lebih fleksibel dan tidak "
            "rusak kalau kolom ditambah. #TipsKerja",
            "Rangkuman sesi sharing tim {team} minggu ini ada di folder bersama. "
            "Terima kasih {mention} yang sudah presentasi! #Belajar",
        ],
        "en": [
            "A few takeaways from the {training} training:\n\n"
            "- Start from the problem, not the solution\n- One slide, one message\n"
            "- Ask for feedback early\n\nHope it helps! #Learning",
            "Just finished {book}. The line that stuck: small habits beat bursts of motivation. "
            "Recommended. #Learning",
            "Excel tip of the day: use **XLOOKUP** instead of VLOOKUP, it doesn't break when "
            "someone inserts a column. #WorkTips",
            "Notes from this week's {team} knowledge-sharing session are in the shared folder. "
            "Thanks {mention} for presenting! #Learning",
        ],
    },
    {
        "key": "lunch", "place": "own", "weight": 3.5, "hours": "lunch", "weekend": 0.1,
        "reactions": FUN, "engagement": 1.2,
        "id": [
            "Makan siang hari ini di {restaurant}, {dish}-nya juara 🤤 Siapa mau ikut besok?",
            "Ada yang ulang tahun di tim {team} hari ini! Selamat ulang tahun {mention} 🎂🎉",
            "Snack sore dari {mention}: pisang goreng dan kopi susu. Terima kasih! ☕",
            "Jumat ceria: tim {team} pakai batik hari ini 😄 #BatikFriday",
            "Rekomendasi {dish} enak dekat kantor {office}? Lagi bosan sama menu kantin.",
            "Potluck tim {team} sukses! Menu andalan: {dish} buatan {mention} 😋",
        ],
        "en": [
            "Lunch at {restaurant} today, the {dish} is unbeatable 🤤 Who's in tomorrow?",
            "Birthday in the {team} team today! Happy birthday {mention} 🎂🎉",
            "Afternoon snacks courtesy of {mention}: fried bananas and iced coffee. Thank you! ☕",
            "Any good {dish} near the {office} office? Getting tired of the canteen menu.",
            "The {team} potluck was a hit! Star dish: {mention}'s {dish} 😋",
        ],
        "comments_id": ["Ikut dong besok! 🙋", "Wah, jadi lapar 😂", "Selamat ulang tahun! 🎂",
                        "Coba {restaurant}, porsinya besar.", "Mauuu 😋"],
        "comments_en": ["Count me in tomorrow! 🙋", "Now I'm hungry 😂", "Happy birthday! 🎂",
                        "Try {restaurant}, generous portions.", "Save me some 😋"],
    },
    {
        "key": "welcome", "place": "own", "authors": "managers", "weight": 1.4,
        "reactions": CELEBRATE, "engagement": 1.5,
        "id": [
            "Selamat bergabung {mention} di tim {team}! 🎉 Sebelumnya berkarier di Surabaya, "
            "sekarang siap bantu kita. Jangan ragu menyapa ya. #NewJoiner",
            "Tim {team} kedatangan anggota baru: {mention}. Welcome on board! 🙌 #NewJoiner",
            "Hari pertama {mention} di kantor {office}. Yuk, ajak makan siang bareng! #NewJoiner",
        ],
        "en": [
            "Please welcome {mention} to the {team} team! 🎉 Say hi when you see them. "
            "#NewJoiner",
            "New face in {team}: {mention} joins us today. Welcome on board! 🙌 #NewJoiner",
            "First day for {mention} at {office}. Take them to lunch! #NewJoiner",
        ],
        "comments_id": ["Selamat bergabung! 👋", "Welcome {mention}! 🎉",
                        "Selamat datang, semoga betah ya!"],
        "comments_en": ["Welcome aboard! 👋", "Great to have you, {mention}! 🎉",
                        "Welcome, see you at the coffee machine!"],
    },
    {
        "key": "anniversary", "place": "own", "authors": "managers", "weight": 0.8,
        "reactions": CELEBRATE, "engagement": 1.4,
        "id": [
            "Hari ini {mention} genap {small} tahun bersama Kolega Nusantara. Terima kasih atas "
            "dedikasinya! 🎉 #WorkAnniversary",
            "Selamat {small} tahun, {mention}! Dari staf baru sampai sekarang jadi andalan tim "
            "{team}. #WorkAnniversary",
        ],
        "en": [
            "{small} years at Kolega Nusantara for {mention} today. Thank you for everything! 🎉 "
            "#WorkAnniversary",
            "Happy work anniversary, {mention}! {small} years and still the person everyone in "
            "{team} asks first. #WorkAnniversary",
        ],
    },
    {
        "key": "ceo", "place": "company", "authors": "ceo", "per_day": 0.25, "engagement": 3,
        "reactions": {"like": 45, "celebrate": 25, "insightful": 20, "support": 10, "funny": 0},
        "share": 0.15,
        "id": [
            "Terima kasih untuk semua tim atas kerja keras di bulan {prev_month}. Pendapatan "
            "mencapai {target}% dari target, dan yang lebih penting: keluhan pelanggan turun. Kita "
            "lanjutkan! 🙏",
            "Minggu ini saya berkunjung ke kantor {office}. Senang sekali melihat semangat tim di "
            "sana. Terima kasih {mention} dan tim yang sudah menjadi tuan rumah.",
            "Catatan dari rapat direksi: fokus kita di {quarter} tetap tiga hal, yaitu pelanggan, "
            "kualitas, dan keselamatan kerja. Detail akan disampaikan di townhall. #Townhall",
        ],
        "en": [
            "Thank you all for a strong {prev_month}: revenue at {target}% of target and, more "
            "importantly, fewer customer complaints. Let's keep going! 🙏",
            "Spent this week with the team in {office}. Great energy there. Thank you {mention} "
            "and everyone for hosting me.",
            "From the board meeting: our focus for {quarter} stays on three things, customers, "
            "quality and safety. More at the townhall. #Townhall",
        ],
    },
    # -- Finance ------------------------------------------------------------------------------
    {
        "key": "finance_closing", "place": "dept:Finance", "authors": "dept:Finance",
        "weight": 1.8, "month_end": 10, "reactions": SUPPORT, "engagement": 1.1,
        "id": [
            "Reminder closing {closing_month}: jurnal penyesuaian paling lambat H+3 jam {time}. "
            "Terima kasih! #TutupBuku",
            "Update closing: rekonsiliasi bank {closing_month} sudah selesai {percent}%. Tinggal "
            "dua rekening lagi. Semangat tim! 💪 #TutupBuku",
            "Lembur closing malam ini, ada yang mau nitip kopi? ☕ #TutupBuku",
            "Accrual {closing_month} untuk biaya vendor {vendor} mohon dicek ulang, nilainya beda "
            "dengan PO. #TutupBuku",
            "Closing {closing_month} selesai! 🎉 Terima kasih {mention} dan {mention2} yang sudah "
            "begadang. Laporan ke CFO sudah terkirim. #TutupBuku",
        ],
        "en": [
            "Closing reminder for {closing_month}: adjusting journals by day 3, {time}. Thanks! "
            "#MonthEndClosing",
            "Closing update: {closing_month} bank reconciliation is {percent}% done, two accounts "
            "to go. 💪 #MonthEndClosing",
            "{closing_month} close is done! 🎉 Huge thanks to {mention} and {mention2} for the "
            "late nights. Pack sent to the CFO. #MonthEndClosing",
            "Please double-check the {closing_month} accruals for {vendor}; they don't match "
            "the PO. #MonthEndClosing",
        ],
        "comments_id": ["Siap, hari ini saya selesaikan.", "Nitip kopi susu satu ya 😂",
                        "Sudah saya update di sheet, {author_first}.", "Semangat closing! 💪"],
        "comments_en": ["On it, will finish today.", "Updated the sheet, {author_first}.",
                        "Hang in there! 💪"],
    },
    {
        "key": "finance_reminder", "place": "company", "authors": "dept:Finance",
        "weight": 0.7, "month_end": 4, "reactions": USEFUL, "engagement": 1.3,
        "id": [
            "Pengingat: batas pengajuan reimburse bulan {closing_month} adalah tanggal 25. "
            "Pengajuan setelah itu diproses bulan berikutnya. #Reimburse",
            "Teman-teman, mohon lampirkan faktur pajak untuk setiap pembelian di atas Rp 2 juta. "
            "Tanpa faktur, klaim tidak bisa diproses. 🙏",
            "Kartu kredit korporat: laporan pemakaian {closing_month} ditunggu paling lambat hari "
            "Jumat. #Reimburse",
        ],
        "en": [
            "Reminder: expense claims for {closing_month} close on the 25th. Later claims move "
            "to next month's run. #Reimburse",
            "Please attach the tax invoice for any purchase above IDR 2 million, otherwise we "
            "cannot process the claim. 🙏",
            "Corporate cards: {closing_month} statements are due by Friday. #Reimburse",
        ],
        "comments_id": ["Noted, terima kasih pengingatnya!", "Kalau faktur hilang bagaimana?"],
        "comments_en": ["Thanks for the reminder!", "What if the invoice is lost?"],
    },
    {
        "key": "finance_team", "place": "dept:Finance", "authors": "dept:Finance",
        "weight": 0.8, "month_end": 2, "reactions": USEFUL,
        "id": [
            "Dashboard cash flow mingguan sudah diperbarui di Power BI. Ada kenaikan piutang dari "
            "{customer}, tolong dicek tim AR. #FinanceUpdate",
            "Persiapan audit {quarter}: mohon semua dokumen pendukung diunggah ke folder audit "
            "sebelum {date}. #FinanceUpdate",
            "Tim Tax: SPT Masa PPN bulan {prev_month} sudah dilaporkan. ✅",
        ],
        "en": [
            "Weekly cash-flow dashboard refreshed in Power BI. Receivables from {customer} are "
            "up; AR team please take a look. #FinanceUpdate",
            "Audit prep for {quarter}: please upload supporting documents to the audit folder "
            "by {date}. #FinanceUpdate",
        ],
    },
    # -- Human Resources ------------------------------------------------------------------------
    {
        "key": "hr_appraisal", "place": "own", "authors": "dept:Human Resources",
        "weight": 3.5, "months": [11, 12], "reactions": USEFUL, "engagement": 1.8,
        "id": [
            "Periode penilaian kinerja {year} resmi dibuka! Isi self-assessment di portal HR "
            "paling lambat {date}. #PenilaianKinerja",
            "Reminder: baru {share}% karyawan yang mengisi self-assessment. Yuk, luangkan "
            "{minutes} menit hari ini. #PenilaianKinerja",
            "Tips menulis self-assessment: tulis hasil, bukan aktivitas. Contoh: *menurunkan "
            "waktu proses klaim dari 5 hari menjadi 2 hari*. #PenilaianKinerja",
            "Para manajer, sesi kalibrasi untuk {dept} dijadwalkan {date} jam {time}. Mohon "
            "siapkan draf penilaian tim. #PenilaianKinerja",
            "FAQ penilaian kinerja {year} sudah kami unggah. Pertanyaan lain? Tulis di komentar. "
            "#PenilaianKinerja",
        ],
        "en": [
            "The {year} performance review is open! Please complete your self-assessment in "
            "the HR portal by {date}. #PerformanceReview",
            "Only {share}% of us have finished the self-assessment so far. It takes about "
            "{minutes} minutes. #PerformanceReview",
            "Self-assessment tip: write outcomes, not activities. E.g. *cut claim processing "
            "from 5 days to 2*. #PerformanceReview",
            "Managers: the calibration session for {dept} is on {date} at {time}. Please bring "
            "draft ratings for your team. #PerformanceReview",
        ],
        "comments_id": ["Sudah isi, ternyata cepat kok 👍", "Apakah bisa diedit setelah submit?",
                        "Deadline-nya bisa diperpanjang? Tim kami lagi dinas.",
                        "Terima kasih FAQ-nya, sangat membantu."],
        "comments_en": ["Done, took less time than I thought 👍",
                        "Can we edit it after submitting?",
                        "Could the deadline move for teams on the road?"],
    },
    {
        "key": "appraisal_managers", "place": "community:managers-forum", "weight": 2.5,
        "months": [11, 12], "reactions": USEFUL, "engagement": 2,
        "id": [
            "Bagaimana cara kalian menyampaikan rating 'perlu perbaikan' tanpa membuat anggota tim "
            "patah semangat? Butuh masukan sebelum sesi 1-on-1 minggu depan. #PenilaianKinerja",
            "Kalibrasi kemarin cukup alot. Catatan saya: siapkan contoh konkret untuk setiap "
            "rating. #PenilaianKinerja",
            "Ada template agenda 1-on-1 untuk diskusi hasil penilaian? #PenilaianKinerja",
        ],
        "en": [
            "How do you deliver a 'needs improvement' rating without crushing motivation? "
            "Looking for advice before next week's 1-on-1s. #PerformanceReview",
            "Calibration was tough yesterday. My lesson: bring one concrete example per rating. "
            "#PerformanceReview",
            "Does anyone have a 1-on-1 agenda template for review conversations? "
            "#PerformanceReview",
        ],
        "comments_id": ["Saya selalu mulai dari hal yang sudah berjalan baik.",
                        "Template dari HR BP cukup bagus, coba minta ke {mention}."],
        "comments_en": ["I always start with what went well.",
                        "The HR BP template is good, ask {mention}."],
    },
    {
        "key": "hr_general", "place": "company", "authors": "dept:Human Resources",
        "weight": 1.3, "reactions": USEFUL, "engagement": 1.3,
        "id": [
            "Pendaftaran training {training} batch berikutnya dibuka, kuota {number} orang. "
            "Daftar lewat portal HR ya! #Belajar",
            "Info BPJS Kesehatan: kartu digital sekarang bisa diunduh lewat aplikasi Mobile JKN. "
            "Kartu fisik tidak wajib lagi.",
            "Kami sedang mencari {small} orang untuk tim {team}. Punya teman yang cocok? Program "
            "referral berlaku! #Hiring",
            "Slip gaji bulan {month} sudah bisa dilihat di portal HR. 🙏",
        ],
        "en": [
            "Registration for the next {training} training is open, {number} seats. Sign up in "
            "the HR portal! #Learning",
            "We're hiring {small} people for {team}. Know someone great? Referral bonus "
            "applies! #Hiring",
            "Payslips for {month} are now in the HR portal. 🙏",
        ],
    },
    {
        "key": "hr_partners", "place": "community:hr-business-partners", "weight": 0.8,
        "reactions": USEFUL,
        "id": [
            "Draf kebijakan kerja hybrid versi 3 sudah di folder. Mohon review sebelum {date}.",
            "Ada dua kasus keterlambatan berulang di {dept}. Saya usulkan kita bahas di sync "
            "{weekday}.",
            "Data turnover {quarter}: naik sedikit di tim lapangan. Perlu exit interview lebih "
            "rapi.",
        ],
        "en": [
            "Hybrid work policy draft v3 is in the folder. Please review by {date}.",
            "Turnover for {quarter} is up slightly in field teams. We need better exit "
            "interviews.",
        ],
    },
    # -- IT and Engineering ---------------------------------------------------------------------
    {
        "key": "it_outage", "place": "company", "authors": "dept:IT Support|Engineering",
        "weight": 1.4, "weekend": 0.6, "hours": "any", "engagement": 2.4, "reactions": SUPPORT,
        "share": 0.03,
        "id": [
            "⚠️ Gangguan {system}: sedang kami tangani. Estimasi pulih dalam {minutes} menit. "
            "Update berikutnya di sini. #ITStatus",
            "✅ {system} sudah normal kembali. Penyebab: konfigurasi jaringan setelah maintenance. "
            "Mohon maaf atas ketidaknyamanannya. #ITStatus",
            "Maintenance terjadwal {system} hari {weekday} jam 22.00-23.00. Simpan pekerjaan "
            "sebelum itu ya. #ITStatus",
            "Ada laporan {system} lambat di beberapa lantai. Tim sedang investigasi, mohon "
            "jangan restart berulang. #ITStatus",
            "Waspada email phishing yang mengatasnamakan HR soal bonus. Jangan klik tautannya, "
            "langsung laporkan ke IT. #ITStatus",
        ],
        "en": [
            "⚠️ {system} is down. We're on it; expected fix in {minutes} minutes. Updates "
            "here. #ITStatus",
            "✅ {system} is back to normal. Cause: a network config change after maintenance. "
            "Sorry for the trouble. #ITStatus",
            "Planned maintenance on {system} this {weekday}, 10 to 11 pm. Save your work "
            "before then. #ITStatus",
            "Heads-up: a phishing email pretending to be HR about bonuses is going around. "
            "Don't click, report it to IT. #ITStatus",
        ],
        "comments_id": ["Di lantai 12 juga sama 😩", "Sudah normal di sini, terima kasih!",
                        "Terima kasih update-nya, tim IT 🙏", "Kantor Surabaya juga kena.",
                        "Sudah bisa lagi. Mantap gercep!"],
        "comments_en": ["Same here on the 12th floor 😩", "Working again for me, thanks!",
                        "Thanks for the quick updates 🙏", "Surabaya is affected too."],
    },
    {
        "key": "engineering", "place": "dept:Engineering", "authors": "dept:Engineering",
        "weight": 3.2, "reactions": USEFUL,
        "id": [
            "Rilis {product} versi baru sudah live di production: {feature} sekarang lebih "
            "cepat {speedup}%. Terima kasih {mention} untuk review-nya! 🚀 #Release",
            "Post-mortem insiden kemarin sudah ditulis. Pelajaran utama: alert kita terlalu "
            "berisik, yang penting jadi tenggelam. #Engineering",
            "Code freeze untuk rilis {quarter} mulai {weekday}. Merge request yang belum "
            "di-review mohon diselesaikan. #Release",
            "Migrasi database ke PostgreSQL versi terbaru selesai tanpa downtime 🎉 Kerja "
            "bagus tim Platform! #Engineering",
            "Siapa yang bisa bantu review PR saya soal {feature}? Agak besar, tapi sudah saya "
            "pecah jadi {small} commit. #Engineering",
        ],
        "en": [
            "New {product} release is live: {feature} is {speedup}% faster. Thanks {mention} "
            "for the review! 🚀 #Release",
            "The post-mortem for yesterday's incident is up. Main lesson: our alerts are too "
            "noisy, so the important one got lost. #Engineering",
            "Code freeze for the {quarter} release starts {weekday}. Please finish pending "
            "reviews. #Release",
            "Database upgrade finished with zero downtime 🎉 Great work, Platform team! "
            "#Engineering",
            "Could someone review my PR for {feature}? It's big but split into {small} commits. "
            "#Engineering",
        ],
        "comments_id": ["Siap, saya review sore ini.", "Mantap, zero downtime! 🔥",
                        "Alert-nya memang perlu dirapikan, setuju.", "LGTM 👍"],
        "comments_en": ["I'll take it this afternoon.", "Zero downtime, nice! 🔥", "LGTM 👍",
                        "Agree on the alerts, let's fix the thresholds."],
    },
    # -- Sales ----------------------------------------------------------------------------------
    {
        "key": "sales_win", "place": "own", "authors": "dept:Sales", "weight": 2.2,
        "month_end": 2, "engagement": 2.2, "reactions": CELEBRATE, "share": 0.12,
        "id": [
            "🎉 Closing! {customer} tanda tangan kontrak {amount} untuk {product}. Terima kasih "
            "{mention} untuk demo yang meyakinkan! #SalesWin",
            "Kabar baik dari tim {team}: {customer} perpanjang kontrak 3 tahun. Kerja keras "
            "berbulan-bulan akhirnya terbayar 🙌 #SalesWin",
            "Target {month} tercapai {target}%! Terima kasih semua yang sudah support, termasuk "
            "tim Operations dan Finance. #SalesWin",
            "Deal pertama {mention} sejak bergabung: {customer}! 🥳 #SalesWin",
        ],
        "en": [
            "🎉 Signed! {customer} just signed for {product}, {amount}. Thanks {mention} for a "
            "killer demo! #SalesWin",
            "Great news from {team}: {customer} renewed for three years. Months of work paid "
            "off 🙌 #SalesWin",
            "We hit {target}% of the {month} target! Thanks to everyone who helped, "
            "Operations and Finance included. #SalesWin",
            "First deal for {mention} since joining: {customer}! 🥳 #SalesWin",
        ],
        "comments_id": ["Mantap!! 🔥🔥", "Selamat tim Sales! 🎉",
                        "Luar biasa, selamat {author_first}!",
                        "Siap, tim Ops siap onboarding {customer}."],
        "comments_en": ["Huge! 🔥", "Congrats to the whole team! 🎉",
                        "Amazing work, {author_first}!", "Ops is ready for onboarding {customer}."],
    },
    {
        "key": "sales_team", "place": "dept:Sales", "authors": "dept:Sales", "weight": 1.8,
        "month_end": 1.6, "reactions": REACTIONS,
        "id": [
            "Kunjungan ke {customer} hari ini lancar. Mereka tertarik dengan {feature}; butuh "
            "proposal minggu ini. #SalesUpdate",
            "Pipeline {quarter} per hari ini: {number} prospek aktif, {small} di tahap negosiasi. "
            "Ayo kejar! 💪 #SalesUpdate",
            "Siapa yang punya deck terbaru {product}? Yang di drive masih versi lama.",
        ],
        "en": [
            "Good visit at {customer} today. They're keen on {feature}; proposal due this week. "
            "#SalesUpdate",
            "{quarter} pipeline today: {number} active leads, {small} in negotiation. Let's go! "
            "💪 #SalesUpdate",
        ],
    },
    # -- Operations and safety -----------------------------------------------------------------
    {
        "key": "safety", "place": "own", "authors": "dept:Operations", "weight": 1.5,
        "reactions": SUPPORT, "engagement": 1.3, "share": 0.05,
        "id": [
            "Safety moment: di {warehouse} kemarin ada near miss forklift. Tidak ada yang "
            "cedera, tapi tolong selalu gunakan jalur pejalan kaki. 🦺 #K3 #SafetyFirst",
            "{number} hari tanpa kecelakaan kerja di {warehouse}! Terima kasih semua yang disiplin "
            "pakai APD. #K3",
            "Simulasi evakuasi kebakaran di kantor {office} hari {weekday} jam {time}. Mohon ikut "
            "arahan floor warden. #K3 #SafetyFirst",
            "Musim hujan: hati-hati lantai licin di area loading. Laporkan genangan ke tim GA. "
            "#K3",
        ],
        "en": [
            "Safety moment: a forklift near miss at {warehouse} yesterday. Nobody hurt, but "
            "please stay on the walkways. 🦺 #K3 #SafetyFirst",
            "{number} days without a lost-time injury at {warehouse}! Thank you for wearing "
            "your PPE. #K3",
            "Fire evacuation drill at {office} on {weekday} at {time}. Follow your floor "
            "wardens. #K3 #SafetyFirst",
        ],
        "comments_id": ["Terima kasih pengingatnya 🙏", "Safety first! 🦺",
                        "Selamat tim gudang, pertahankan!"],
        "comments_en": ["Thanks for the reminder 🙏", "Safety first! 🦺", "Well done, keep it up!"],
    },
    {
        "key": "operations", "place": "dept:Operations", "authors": "dept:Operations",
        "weight": 2.2, "weekend": 0.25, "reactions": REACTIONS,
        "id": [
            "On-time delivery minggu ini {percent}% 🚚 Terima kasih tim {warehouse}! #OpsUpdate",
            "Stock opname di {warehouse} selesai, selisih di bawah 0,5%. Kerja rapi! #OpsUpdate",
            "Armada tambahan dari {vendor} mulai jalan {weekday}. Rute Jabodetabek jadi lebih "
            "longgar. #OpsUpdate",
            "Kendala hujan deras di rute timur, ada {small} pengiriman tertunda. Tim CS sudah "
            "kami kabari. #OpsUpdate",
        ],
        "en": [
            "On-time delivery this week: {percent}% 🚚 Thanks, {warehouse} team! #OpsUpdate",
            "Stock count at {warehouse} done, variance under 0.5%. Tidy work! #OpsUpdate",
            "Heavy rain on the eastern routes: {small} deliveries delayed, Customer Service "
            "informed. #OpsUpdate",
        ],
    },
    # -- Marketing, product, customer service, procurement, legal ------------------------------
    {
        "key": "product_launch", "place": "company", "authors": "dept:Marketing|Engineering",
        "weight": 0.9, "engagement": 2.5, "reactions": CELEBRATE, "share": 0.2,
        "id": [
            "🚀 Hari ini kita resmi meluncurkan {feature} di {product}! Terima kasih tim "
            "Engineering, Marketing dan {mention}. Coba dan kasih feedback ya. #ProductLaunch",
            "Countdown: {small} hari lagi menuju peluncuran {product}. Materi untuk tim Sales "
            "sudah siap di drive. #ProductLaunch",
            "Hasil minggu pertama peluncuran {feature}: {number} ribu pengguna aktif. Di atas "
            "ekspektasi! 🎉 #ProductLaunch",
        ],
        "en": [
            "🚀 {feature} is live in {product}! Thank you Engineering, Marketing and {mention}. "
            "Try it and send feedback. #ProductLaunch",
            "{small} days to the {product} launch. Sales kits are in the shared drive. "
            "#ProductLaunch",
            "First week of {feature}: {number} thousand active users, above forecast! 🎉 "
            "#ProductLaunch",
        ],
        "comments_id": ["Keren banget! 🚀", "Sudah coba, mulus!", "Selamat tim! 🎉",
                        "Customer saya sudah tanya soal ini, pas banget."],
        "comments_en": ["Awesome! 🚀", "Tried it, works great!", "Congrats everyone! 🎉",
                        "My customers have been asking for this."],
    },
    {
        "key": "marketing", "place": "dept:Marketing", "authors": "dept:Marketing",
        "weight": 1.8, "reactions": REACTIONS,
        "id": [
            "Kampanye {month} untuk {product} naik {speedup}% engagement dibanding bulan lalu. "
            "Konten video pendek paling laku. #Marketing",
            "Butuh {small} relawan untuk foto produk hari {weekday}. Ada snack! 📸 #Marketing",
            "Draft press release untuk {product} sudah siap. {mention}, bisa cek sebelum "
            "dikirim? #Marketing",
        ],
        "en": [
            "The {month} campaign for {product} is up {speedup}% in engagement. Short videos "
            "work best. #Marketing",
            "Need {small} volunteers for a product shoot on {weekday}. Snacks provided! 📸 "
            "#Marketing",
        ],
    },
    {
        "key": "customer_service", "place": "dept:Customer Service",
        "authors": "dept:Customer Service", "weight": 1.8, "weekend": 0.6, "reactions": SUPPORT,
        "id": [
            "CSAT minggu ini {percent}%, rekor baru! Terima kasih tim Live Chat 💚 #CustomerFirst",
            "Lonjakan tiket soal {feature} sejak pagi. Template jawaban sudah di knowledge base. "
            "#CustomerFirst",
            "Pelanggan dari {customer} khusus menyampaikan terima kasih untuk {mention}. Bangga! "
            "#CustomerFirst",
        ],
        "en": [
            "CSAT this week: {percent}%, a new record! Thank you, Live Chat team 💚 "
            "#CustomerFirst",
            "Ticket spike about {feature} since this morning. Reply template is in the knowledge "
            "base. #CustomerFirst",
        ],
    },
    {
        "key": "procurement", "place": "dept:Procurement", "authors": "dept:Procurement",
        "weight": 0.6, "month_end": 1.5,
        "id": ["Tender pengadaan armada {quarter} dibuka. Vendor terdaftar bisa ajukan penawaran "
               "sampai {date}.", "PO untuk {vendor} sudah terbit, tolong dicek nomornya."],
        "en": ["The {quarter} fleet tender is open; registered vendors can bid until {date}."],
    },
    {
        "key": "legal", "place": "dept:Legal", "authors": "dept:Legal", "weight": 0.5,
        "id": ["Template NDA terbaru sudah di drive. Mohon jangan pakai versi lama lagi.",
               "Review kontrak {customer} selesai, ada dua klausul yang perlu negosiasi ulang."],
        "en": ["The new NDA template is in the drive. Please retire the old one.",
               "Contract review for {customer} done; two clauses need renegotiating."],
    },
    # -- private and secret spaces ----------------------------------------------------------------
    {
        "key": "managers", "place": "community:managers-forum", "weight": 0.8,
        "reactions": USEFUL, "engagement": 1.5,
        "id": [
            "Ada yang pernah menerapkan 4-day work week untuk tim support? Penasaran hasilnya.",
            "Rekrutmen untuk tim {team} makan waktu {number} hari rata-rata. Ada tips "
            "mempercepat tanpa menurunkan kualitas?",
        ],
        "en": [
            "Has anyone tried a 4-day week for a support team? Curious about the results.",
            "Hiring for {team} takes {number} days on average. Tips to speed it up without "
            "lowering the bar?",
        ],
    },
    {
        "key": "leadership", "place": "community:leadership-team", "weight": 0.5,
        "reactions": USEFUL,
        "id": ["Materi rapat direksi {quarter} sudah saya unggah. Mohon masukan sebelum {date}.",
               "Rencana anggaran {next_year}: usulan tiap departemen ditunggu akhir bulan."],
        "en": ["Board pack for {quarter} is uploaded. Comments by {date}, please.",
               "{next_year} budget: department proposals due at month end."],
    },
    {
        "key": "bulletin", "place": "community:announcements", "authors": "admins",
        "per_day": 0.3, "reactions": REACTIONS, "engagement": 1.3,
        "id": [
            "**Kolega Weekly** edisi minggu ini: rekor CSAT, {small} karyawan baru, dan jadwal "
            "townhall {month}. Selamat membaca! #KolegaWeekly",
            "Selamat kepada teman-teman yang berulang tahun minggu ini! 🎂 #KolegaWeekly",
        ],
        "en": [
            "**Kolega Weekly**: a CSAT record, {small} new joiners and the {month} townhall "
            "date. Enjoy! #KolegaWeekly",
            "Happy birthday to everyone celebrating this week! 🎂 #KolegaWeekly",
        ],
    },
    # -- communities people belong to ------------------------------------------------------------
    {
        "key": "community_chat", "place": "any", "weight": 3.0, "weekend": 0.3,
        "hours": "social",
        "id": [
            "Halo teman-teman {community_name}! Ada yang mau bantu susun agenda bulan depan?",
            "Terima kasih sudah datang di pertemuan {community_name} kemarin. Foto-fotonya "
            "menyusul ya 📸",
            "Usul: pertemuan {community_name} berikutnya hari {weekday} sepulang kerja?",
            "Selamat datang untuk anggota baru {community_name}! Silakan perkenalkan diri 👋",
        ],
        "en": [
            "Hi {community_name}! Anyone up for helping plan next month's agenda?",
            "Thanks for joining the {community_name} meetup yesterday. Photos coming soon 📸",
            "Proposal: next {community_name} meetup on {weekday} after work?",
            "Welcome to all new members of {community_name}! Introduce yourselves 👋",
        ],
    },
    {
        "key": "running", "place": "community:running-club-jakarta", "weight": 1.0,
        "weekend": 2, "hours": "social", "reactions": CELEBRATE,
        "id": ["Lari pagi di GBK tadi {number} orang ikut! 🏃 Minggu depan kita coba 10K. "
               "#Lari", "Siapa yang ikut {race} tahun ini? Yuk latihan bareng. #Lari",
               "PB baru di 5K: {minutes} menit! Terima kasih pacer {mention} 🙌 #Lari"],
        "en": ["{number} of us at the GBK morning run! 🏃 Trying 10K next week. #Lari",
               "Who's running {race} this year? Let's train together. #Lari"],
    },
    {
        "key": "photography", "place": "community:photography", "weight": 0.8, "weekend": 1.5,
        "hours": "social", "reactions": FUN,
        "id": ["Hasil hunting foto di Kota Tua kemarin, lumayan dapat golden hour 📸 #FotoKita",
               "Photo walk bulan ini ke {place}? Siapa tertarik?"],
        "en": ["Golden hour at Kota Tua last weekend 📸 #FotoKita",
               "Monthly photo walk theme: street food. Phone cameras welcome!"],
    },
    {
        "key": "kuliner", "place": "community:kuliner-nusantara", "weight": 1.0,
        "weekend": 1.5, "hours": "lunch", "reactions": FUN,
        "id": ["Resep {dish} ala rumah, cuma {small} bahan utama. Cocok untuk bekal! #Kuliner",
               "Review jujur {restaurant}: {dish}-nya enak, antreannya panjang 😅 #Kuliner",
               "Ada yang tahu {dish} paling enak di {city}? Minggu depan dinas ke sana. #Kuliner"],
        "en": ["Honest review of {restaurant}: great {dish}, long queue 😅 #Kuliner",
               "Best {dish} in {city}? Travelling there next week. #Kuliner"],
    },
    {
        "key": "badminton", "place": "community:badminton", "weight": 1.0, "weekend": 2,
        "hours": "social", "reactions": FUN,
        "id": ["Hasil sparring Rabu malam: {score}. Seru! 🏸", "Court Sabtu jam 8 sudah dibooking, "
               "masih ada {small} slot. Siapa mau? 🏸",
               "Turnamen antar kantor tinggal {small} minggu lagi. Latihan ekstra yuk!"],
        "en": ["Wednesday night sparring: {score}. Great games! 🏸",
               "Court booked Saturday 8 am, {small} spots left. Who's in? 🏸"],
    },
    {
        "key": "book_club", "place": "community:book-club", "weight": 0.6, "weekend": 1.5,
        "hours": "social",
        "id": ["Buku bulan ini: {book}. Diskusi Kamis terakhir bulan ini sambil ngopi ☕ #BookClub",
               "Sudah sampai bab berapa {book}-nya? Saya baru setengah 😅 #BookClub"],
        "en": ["This month's book: {book}. We meet on the last Thursday ☕ #BookClub",
               "How far are you into {book}? I'm halfway 😅 #BookClub"],
    },
    {
        "key": "parents", "place": "community:parents-kolega", "weight": 0.5, "weekend": 1.5,
        "hours": "social", "reactions": SUPPORT,
        "id": ["Ada rekomendasi daycare dekat kantor {office}?",
               "Libur sekolah sebentar lagi. Ada ide kegiatan anak di Jakarta?"],
        "en": ["Any daycare recommendations near the {office} office?",
               "School holidays are coming. Ideas for kids' activities in town?"],
    },
    {
        "key": "budaya", "place": "community:bahasa-budaya", "weight": 0.5, "weekend": 1,
        "hours": "social",
        "id": ["Kata hari ini: *gotong royong*, bekerja bersama untuk kepentingan bersama. 🇮🇩",
               "Workshop gamelan hari {weekday} sore, instrumen disediakan!"],
        "en": ["Word of the day: *gotong royong*, working together for the common good. 🇮🇩",
               "Gamelan workshop on {weekday} afternoon, instruments provided!"],
    },
    {
        "key": "tech_talks", "place": "community:tech-talks", "weight": 0.8, "weekend": 0.5,
        "reactions": USEFUL,
        "id": ["Lunch & learn {weekday} ini: pengantar AI untuk non-engineer oleh {mention}. "
               "#TechTalk", "Rekaman tech talk minggu lalu sudah diunggah. #TechTalk"],
        "en": ["This {weekday}'s lunch & learn: AI for non-engineers by {mention}. #TechTalk",
               "Recording of last week's tech talk is up. #TechTalk"],
    },
    {
        "key": "green", "place": "community:green-office", "weight": 0.5, "weekend": 1.5,
        "hours": "social", "reactions": SUPPORT,
        "id": ["Bulan ini kita berhasil mengurangi {number} kg sampah plastik di kantor {office}! "
               "♻️ #Green", "Bike to work {weekday} ini, siapa ikut? 🚲 #Green"],
        "en": ["We cut {number} kg of plastic waste at {office} this month! ♻️ #Green",
               "Bike to work this {weekday}, who's joining? 🚲 #Green"],
    },
    {
        "key": "music", "place": "community:music", "weight": 0.5, "weekend": 1.5,
        "hours": "social", "reactions": FUN,
        "id": ["Jamming session Jumat sore, ada yang bisa main bass? 🎸",
               "Karaoke tim {team} semalam: suara fals semua tapi seru 😂"],
        "en": ["Friday jam session, anyone play bass? 🎸",
               "Team karaoke last night: all off-key, all fun 😂"],
    },
    {
        "key": "futsal", "place": "community:futsal", "weight": 0.7, "weekend": 1.5,
        "hours": "social", "reactions": FUN,
        "id": ["Futsal Selasa seru! Tim Finance menang lagi, rematch minggu depan ⚽",
               "Kurang {small} pemain untuk Selasa ini, siapa mau? ⚽"],
        "en": ["Tuesday futsal: {small} players short this week, who's in? ⚽"],
    },
    {
        "key": "traveling", "place": "community:traveling", "weight": 0.6, "weekend": 2,
        "hours": "social", "reactions": FUN,
        "id": ["Baru pulang dari {place}, pemandangannya luar biasa! Itinerary saya tulis di "
               "komentar. #Traveling", "Ada yang pernah ke {place}? Butuh saran penginapan."],
        "en": ["Back from {place}, absolutely stunning! Itinerary in the comments. #Traveling",
               "Anyone been to {place}? Looking for places to stay."],
    },
    {
        "key": "ngopi", "place": "community:ngopi-bareng", "weight": 0.8, "weekend": 1,
        "hours": "lunch", "reactions": FUN,
        "id": ["Manual brew Jumat ini pakai beans Gayo ☕ #Ngopi",
               "Kopi paling enak dekat kantor {office}? Saya mulai: kopi susu gula aren di "
               "seberang lobi. #Ngopi"],
        "en": ["Friday manual brew: Gayo beans ☕ #Ngopi",
               "Best coffee near {office}? I'll start: palm-sugar iced coffee across the lobby. "
               "#Ngopi"],
    },
    # -- seasons ------------------------------------------------------------------------------
    {
        "key": "ramadan", "place": "own", "season": "ramadan", "weight": 5, "weekend": 0.3,
        "reactions": SUPPORT, "engagement": 1.4,
        "id": ["Selamat menunaikan ibadah puasa untuk teman-teman yang menjalankan 🌙 #Ramadan",
               "Bukber tim {team} hari {weekday} di {restaurant}. Yang mau ikut isi daftar ya! "
               "#Ramadan", "Selama Ramadan, jam kerja kantor {office} 08.00-16.00. #Ramadan",
               "Takjil sore ini dari {mention}: kolak dan es buah 🍹 #Ramadan"],
        "en": ["Ramadan Kareem to everyone observing 🌙 #Ramadan",
               "Team iftar for {team} on {weekday} at {restaurant}. Sign up in the sheet! "
               "#Ramadan"],
    },
    {
        "key": "lebaran", "place": "own", "season": "lebaran", "weight": 6, "weekend": 0.5,
        "reactions": SUPPORT, "engagement": 1.5,
        "id": ["Selamat Hari Raya Idul Fitri, mohon maaf lahir dan batin 🙏 #Lebaran",
               "Hati-hati di jalan untuk yang mudik! Kabari kalau sudah sampai 🚗 #Lebaran",
               "Halal bihalal tim {team} hari {weekday} jam {time}. #Lebaran"],
        "en": ["Selamat Idul Fitri to everyone celebrating, mohon maaf lahir dan batin 🙏 "
               "#Lebaran", "Safe travels to everyone going home for mudik! 🚗 #Lebaran"],
    },
    {
        "key": "chinese_new_year", "place": "own", "season": "chinese_new_year", "weight": 4,
        "reactions": CELEBRATE,
        "id": ["Gong Xi Fa Cai! Semoga tahun ini penuh berkah 🧧 #Imlek",
               "Kue keranjang di pantry lantai 9, silakan diambil 🧧 #Imlek"],
        "en": ["Gong Xi Fa Cai! Wishing you a prosperous year 🧧 #Imlek"],
    },
    {
        "key": "idul_adha", "place": "own", "season": "idul_adha", "weight": 4,
        "reactions": SUPPORT,
        "id": ["Selamat Hari Raya Idul Adha. Panitia qurban kantor membuka pendaftaran sampai "
               "{weekday}. #IdulAdha"],
        "en": ["Eid al-Adha Mubarak to everyone celebrating. #IdulAdha"],
    },
    {
        "key": "independence", "place": "own", "season": "independence", "weight": 5,
        "weekend": 0.4, "reactions": FUN, "engagement": 1.5,
        "id": ["Lomba 17-an kantor: balap karung, makan kerupuk, tarik tambang! Tim {team} sudah "
               "siap 🇮🇩 #17Agustus", "Dirgahayu Republik Indonesia! Merdeka! 🇮🇩 #17Agustus",
               "Pendaftaran lomba panjat pinang dibuka sampai {weekday}. #17Agustus"],
        "en": ["Office Independence Day games: sack race, cracker eating and tug of war! 🇮🇩 "
               "#17Agustus", "Happy Independence Day, Indonesia! 🇮🇩 #17Agustus"],
    },
    {
        "key": "batik_day", "place": "own", "season": "batik_day", "weight": 5,
        "reactions": CELEBRATE,
        "id": ["Selamat Hari Batik Nasional! Tim {team} kompak pakai batik hari ini 🎨 "
               "#HariBatik",
               "Batik favorit saya: motif parang dari Yogyakarta. Kalian? #HariBatik"],
        "en": ["Happy National Batik Day! The {team} team is all in batik today 🎨 #HariBatik"],
    },
    {
        "key": "christmas", "place": "own", "season": "christmas", "weight": 3.5,
        "reactions": CELEBRATE,
        "id": ["Tukar kado Natal tim {team} hari {weekday}, budget Rp 100 ribu ya 🎁 #Natal",
               "Selamat Hari Natal untuk teman-teman yang merayakan 🎄 #Natal"],
        "en": ["Secret Santa for {team} on {weekday}, budget IDR 100k 🎁 #Natal",
               "Merry Christmas to everyone celebrating 🎄 #Natal"],
    },
    {
        "key": "new_year", "place": "own", "season": "new_year", "weight": 3.5,
        "reactions": CELEBRATE,
        "id": ["Terima kasih untuk tahun yang luar biasa, tim {team}! Sampai jumpa di {next_year} "
               "🎆 #TahunBaru", "Resolusi tim {team} untuk tahun depan: lebih sedikit meeting, "
               "lebih banyak hasil 😄 #TahunBaru"],
        "en": ["Thank you for an amazing year, {team}! See you in {next_year} 🎆 #TahunBaru"],
    },
    {
        "key": "year_end", "place": "dept", "authors": "managers", "months": [12],
        "weight": 1.5, "reactions": USEFUL,
        "id": ["Rencana kerja {next_year} tim {team}: draf pertama sudah di folder, mohon "
               "masukan sebelum libur akhir tahun.",
               "Year in review tim {team}: {number} proyek selesai, {small} orang baru bergabung. "
               "Terima kasih semua! 🙏"],
        "en": ["{next_year} plan for {team}: first draft is in the folder, comments before "
               "the holidays please.",
               "{team} year in review: {number} projects shipped, {small} new joiners. Thank "
               "you all! 🙏"],
    },
    # -- polls --------------------------------------------------------------------------------
    {
        "key": "poll_lunch", "kind": "poll", "place": "dept", "weight": 0.5, "hours": "lunch",
        "reactions": FUN,
        "id": [{"body": "Makan siang tim Jumat ini, pilih ya! 🍽️",
                "q": "Makan siang tim di mana?",
                "options": ["Nasi Padang", "Soto Lamongan", "Sate Madura", "Pesan ke kantor"]},
               {"body": "Outing tim {team} kuartal ini, vote destinasinya!",
                "q": "Outing ke mana?",
                "options": ["Puncak", "Pantai Anyer", "Bandung", "Di kota saja"]}],
        "en": [{"body": "Team lunch on Friday, cast your vote! 🍽️", "q": "Where should we eat?",
                "options": ["Padang food", "Soto", "Satay", "Order in"]},
               {"body": "Team outing for {team} this quarter: pick a place!",
                "q": "Where to?", "options": ["Puncak", "Anyer beach", "Bandung", "Stay in town"]}],
    },
    {
        "key": "poll_work", "kind": "poll", "place": "own", "weight": 0.6, "reactions": USEFUL,
        "engagement": 1.2,
        "id": [{"body": "Survei kecil untuk tim {team} 🙏", "q": "Hari WFH favorit?",
                "options": ["Senin", "Rabu", "Jumat"]},
               {"body": "Biar meeting lebih efektif:", "q": "Meeting rutin sebaiknya berapa lama?",
                "options": ["15 menit", "30 menit", "45 menit", "60 menit"]},
               {"body": "Pilih topik sharing session bulan depan (boleh lebih dari satu).",
                "q": "Topik sharing session?", "multi": True,
                "options": ["Excel lanjutan", "Public speaking", "AI untuk kerja",
                            "Manajemen waktu"]}],
        "en": [{"body": "Quick one for {team} 🙏", "q": "Favourite WFH day?",
                "options": ["Monday", "Wednesday", "Friday"]},
               {"body": "Let's make meetings better:", "q": "How long should our syncs be?",
                "options": ["15 min", "30 min", "45 min", "60 min"]},
               {"body": "Pick topics for next month's sessions (choose any).",
                "q": "Which topics?", "multi": True,
                "options": ["Advanced Excel", "Public speaking", "AI at work", "Time management"]}],
    },
    {
        "key": "poll_townhall", "kind": "poll", "place": "company", "authors": "communicators",
        "per_day": 0.05, "engagement": 2,
        "id": [{"body": "Townhall {month} sebentar lagi. Bantu kami memilih topik utama!",
                "q": "Topik townhall {month}?",
                "options": ["Strategi {next_year}", "Kesejahteraan karyawan", "Produk baru",
                            "Tanya jawab bebas"]}],
        "en": [{"body": "The {month} townhall is coming. Help us pick the main topic!",
                "q": "Townhall topic?",
                "options": ["{next_year} strategy", "Wellbeing", "New products", "Open Q&A"]}],
    },
    {
        "key": "poll_appraisal", "kind": "poll", "place": "company",
        "authors": "dept:Human Resources", "months": [11, 12], "weight": 0.6, "engagement": 1.5,
        "id": [{"body": "Untuk persiapan periode penilaian kinerja: #PenilaianKinerja",
                "q": "Kapan waktu terbaik untuk sesi pelatihan penilaian?",
                "options": ["Pagi (09.00)", "Siang (13.00)", "Sore (16.00)"]}],
        "en": [{"body": "Planning the review workshops: #PerformanceReview",
                "q": "Best time for the review workshop?",
                "options": ["Morning (9 am)", "Early afternoon (1 pm)", "Late afternoon (4 pm)"]}],
    },
    {
        "key": "poll_badminton", "kind": "poll", "place": "community:badminton", "weight": 0.3,
        "weekend": 1, "hours": "social", "reactions": FUN,
        "id": [{"body": "Jadwal main bulan depan 🏸", "q": "Hari main favorit?",
                "options": ["Rabu malam", "Sabtu pagi", "Dua-duanya"]}],
        "en": [{"body": "Next month's schedule 🏸", "q": "Best day to play?",
                "options": ["Wednesday night", "Saturday morning", "Both"]}],
    },
    # -- praise --------------------------------------------------------------------------------
    {
        "key": "praise", "kind": "praise", "place": "own", "weight": 2.8, "engagement": 1.6,
        "reactions": CELEBRATE,
        "id": [
            ("teamwork", "Terima kasih {mentions} sudah bantu tim {team} menyelesaikan proyek "
                         "tepat waktu. Kerja sama kalian luar biasa! 🙌"),
            ("customer_focus", "Apresiasi untuk {mentions}: tetap sabar melayani pelanggan "
                               "{customer} sampai masalahnya tuntas. 💚"),
            ("innovation", "{mentions} bikin otomatisasi laporan yang menghemat {number} jam per "
                           "minggu. Ide brilian! 💡"),
            ("extra_mile", "Terima kasih {mentions} yang rela datang hari Sabtu untuk memastikan "
                           "pengiriman aman. Going the extra mile! 🚚"),
            ("excellence", "Presentasi {mentions} di depan direksi kemarin sangat rapi dan "
                           "meyakinkan. Bangga! 👏"),
            ("integrity", "Terima kasih {mentions} sudah berani melaporkan selisih stok dengan "
                          "jujur. Ini contoh integritas. 🙏"),
        ],
        "en": [
            ("teamwork", "Thank you {mentions} for helping {team} land the project on time. "
                         "Teamwork at its best! 🙌"),
            ("customer_focus", "Kudos to {mentions} for staying patient with {customer} until "
                               "the issue was fully solved. 💚"),
            ("innovation", "{mentions} automated a report that saves us {number} hours a week. "
                           "Brilliant idea! 💡"),
            ("extra_mile", "Thanks {mentions} for coming in on Saturday to make sure the "
                           "deliveries went out. 🚚"),
            ("excellence", "{mentions} gave an outstanding board presentation yesterday. "
                           "Proud! 👏"),
            ("integrity", "Thank you {mentions} for flagging the stock variance honestly. That's "
                          "integrity. 🙏"),
        ],
    },
    # -- announcements ------------------------------------------------------------------------
    {
        "key": "announcement", "kind": "announcement", "place": "company",
        "authors": "communicators", "per_day": 0.3, "engagement": 2, "reactions": USEFUL,
        "share": 0.08,
        "id": [
            "📣 **Townhall {month}** akan diadakan {date} jam {time} di Auditorium lantai 3 dan "
            "via Zoom. CEO akan membahas hasil {quarter} dan rencana ke depan. #Townhall",
            "📣 **Kebijakan baru reimburse transportasi** berlaku mulai {date}. Detail dan FAQ "
            "ada di portal HR. #Kebijakan",
            "📣 **Simulasi evakuasi** di seluruh kantor {date} jam {time}. Mohon ikuti arahan "
            "floor warden. #K3",
            "📣 Pemeliharaan sistem email {date} malam. Email tetap bisa diakses lewat HP. "
            "#ITStatus",
            "📣 Program **medical check-up tahunan** dibuka. Daftar di portal HR sebelum {date}. "
            "#Kesehatan",
        ],
        "en": [
            "📣 **{month} Townhall** on {date} at {time}, Auditorium (3rd floor) and on Zoom. "
            "Our CEO will cover {quarter} results and what's next. #Townhall",
            "📣 **New transport reimbursement policy** from {date}. Details and FAQ in the HR "
            "portal. #Policy",
            "📣 **Company-wide evacuation drill** on {date} at {time}. Follow your floor "
            "wardens. #K3",
            "📣 The **annual medical check-up** is open. Register in the HR portal by {date}. "
            "#Wellbeing",
        ],
    },
    {
        "key": "announcement_appraisal", "kind": "announcement", "place": "company",
        "authors": "communicators", "months": [11], "per_day": 0.2, "engagement": 2,
        "reactions": USEFUL,
        "id": ["📣 **Penilaian kinerja {year}** dimulai! Self-assessment dibuka sampai {date}, "
               "lalu diskusi dengan atasan masing-masing. #PenilaianKinerja"],
        "en": ["📣 **{year} performance reviews** start now. Self-assessments are open until "
               "{date}, followed by conversations with your manager. #PerformanceReview"],
    },
    {
        "key": "announcement_season", "kind": "announcement", "place": "company",
        "authors": "communicators", "season": "lebaran", "per_day": 0.4, "engagement": 2,
        "reactions": SUPPORT,
        "id": ["📣 **Jadwal cuti bersama Idul Fitri**: kantor tutup sesuai SKB pemerintah. Tim "
               "CS dan Operations mengikuti jadwal piket. #Lebaran"],
        "en": ["📣 **Idul Fitri collective leave**: offices close per the government schedule; "
               "CS and Operations follow their rosters. #Lebaran"],
    },
    {
        "key": "announcement_ramadan", "kind": "announcement", "place": "company",
        "authors": "communicators", "season": "ramadan", "per_day": 0.25, "engagement": 1.5,
        "id": ["📣 **Jam kerja selama Ramadan**: 08.00-16.00 di semua kantor Indonesia. Buka "
               "puasa bersama kantor menyusul. #Ramadan"],
        "en": ["📣 **Ramadan working hours**: 8 am to 4 pm in all Indonesian offices. Company "
               "iftar details to follow. #Ramadan"],
    },
    {
        "key": "announcement_december", "kind": "announcement", "place": "company",
        "authors": "communicators", "months": [12], "per_day": 0.12, "engagement": 2,
        "reactions": CELEBRATE,
        "id": ["📣 **Year-end party** {date} jam 18.00! Dress code: batik modern. Daftar "
               "kehadiran di portal HR. #YearEnd"],
        "en": ["📣 **Year-end party** on {date} at 6 pm! Dress code: modern batik. RSVP in the "
               "HR portal. #YearEnd"],
    },
    {
        "key": "community_announcement", "kind": "announcement", "place": "admin",
        "authors": "admins", "weight": 0.7, "engagement": 1.3, "reactions": USEFUL,
        "id": [
            "📌 Mulai minggu depan, sync rutin {community_name} pindah ke hari {weekday} jam "
            "{time}. Kalender sudah diperbarui.",
            "📌 Mohon semua anggota {community_name} membaca pedoman komunitas yang baru. "
            "Pertanyaan? Tulis di komentar.",
            "📌 Agenda {community_name} bulan {month} sudah final, cek file terlampir di folder.",
        ],
        "en": [
            "📌 From next week the {community_name} sync moves to {weekday} at {time}. "
            "Calendars updated.",
            "📌 Please read the updated {community_name} guidelines. Questions below.",
            "📌 The {community_name} plan for {month} is final; see the folder.",
        ],
    },
]  # fmt: skip
