"""The words of the demo forum: what PT Kolega Nusantara's people ask and answer, in both
languages.

``CATEGORIES`` are the company-wide categories; ``COMMUNITY_CATEGORIES`` a few per community
(official ones by department, the others by address; ``DEFAULT_COMMUNITY_CATEGORIES`` for the
rest). ``TOPICS`` says who answers what: the departments whose people are its experts, best
first, and the words in a job title that make someone the go-to person.

A thread template (``THREADS``) is a question or a discussion: its ``topic``, where it goes
(``place``), how often (``weight``, ``months``, ``season``, ``month_end``), its ``tags``,
whether colleagues chime in with "me too" (``metoo``, default yes) or a discussion draws the
generic opinions (``generic``, default: unless the topic is "general") and, per
language (``en``, ``id``), a ``title``, a ``body`` and the experts' ``answers`` (a question) or
colleagues' ``replies`` (a discussion). ``forums.demo`` fills the ``{slots}`` once per thread
(``VALUES`` here, then ``feed.demo.data.VALUES``, and what it computes: the asker's office,
months, dates, first names) so an answer talks about the same printer as its question.

place: "company:<category key>" | "dept:<Department>:<n>" (the department community's n-th
       category) | "community:<slug>:<n>"
"""

# --- categories ------------------------------------------------------------------------------

CATEGORIES = [
    {"key": "it", "name": "IT help desk", "slug": "it-help-desk",
     "description": "Laptops, VPN, e-mail, printers, SAP access and passwords. Tanya di sini: "
                    "the IT team and colleagues who know answer, and the answers stay "
                    "searchable for the next person."},
    {"key": "hr", "name": "HR & policies", "slug": "hr-policies",
     "description": "Cuti, BPJS, lembur, reimbursement, penilaian kinerja and every other "
                    "question about working here. HR answers; private cases go to your HR "
                    "business partner, not here."},
    {"key": "finance", "name": "Finance procedures", "slug": "finance-procedures",
     "description": "Expense claims, invoices, petty cash, PPN and PPh, month-end closing "
                    "deadlines. Prosedur keuangan dijawab oleh tim Finance."},
    {"key": "product", "name": "Products & troubleshooting", "slug": "products-troubleshooting",
     "description": "KolegaPay, Kolega POS, Kolega Fleet, Kolega Mitra and Kolega Insight: "
                    "customer issues, known bugs and workarounds. Engineering and Customer "
                    "Service keep an eye on it."},
    {"key": "office", "name": "Office & facilities", "slug": "office-facilities",
     "description": "Meeting rooms, parking, access cards, the pantry and everything about "
                    "our offices in Jakarta, Surabaya, Bandung, Medan, Yogyakarta and "
                    "Singapore."},
    {"key": "general", "name": "General", "slug": "general",
     "description": "Anything else: ideas, recommendations, ngobrol santai. Keep it kind and "
                    "useful."},
]  # fmt: skip

# A community's categories: (name, description). Official communities by department name.
COMMUNITY_CATEGORIES = {
    "dept:Engineering": [
        ("Architecture & code review", "Design proposals, RFCs and how we review code."),
        ("On-call & incidents", "Runbooks, alerts, post-mortems and on-call handovers."),
    ],
    "dept:Finance": [
        ("Closing & reporting", "Month-end closing checklists, journals and reports."),
        ("Pajak: PPN & PPh", "Faktur pajak, e-Faktur, PPh 21/23 dan SPT Masa."),
    ],
    "dept:Human Resources": [
        ("Payroll & BPJS", "Gaji, THR, potongan BPJS dan PPh 21."),
        ("Recruitment", "Open roles, interview panels and onboarding."),
    ],
    "dept:Sales": [
        ("Deals & pricing", "Discount approvals, tenders and pricing questions."),
        ("CRM & tools", "Salesforce, pipeline hygiene and reports."),
    ],
    "dept:Operations": [
        ("Gudang & armada", "Stock opname, pengiriman dan armada."),
        ("K3 & safety", "Keselamatan kerja, APD dan sertifikasi."),
    ],
    "dept:Marketing": [
        ("Campaigns", "Campaign plans, UTM links and results."),
        ("Brand & design", "Logos, templates and the brand guide."),
    ],
    "dept:Customer Service": [
        ("Escalations", "Customer cases that need another team."),
        ("Macros & knowledge base", "Reply templates and help-centre articles."),
    ],
    "dept:IT Support": [
        ("Runbooks", "How we fix the usual problems, step by step."),
        ("Ticket triage", "Which queue, which priority, who picks it up."),
    ],
    "dept:Procurement": [
        ("Vendors & tenders", "Vendor onboarding, tenders and evaluations."),
        ("Purchase requests", "PR and PO questions."),
    ],
    "dept:Legal": [
        ("Contract reviews", "NDAs, MSAs and the review queue."),
        ("Compliance & UU PDP", "Data protection and compliance questions."),
    ],
    "dept:Executive Office": [
        ("Agenda", "The directors' agenda and board preparation."),
    ],
    "hr-business-partners": [
        ("Cases", "Employee cases (use initials, never full names)."),
        ("Policy drafts", "Draft policies before they go public."),
    ],
    "managers-forum": [
        ("Hiring & onboarding", "Interviews, offers and the first 90 days."),
        ("Feedback & performance", "1-on-1s, difficult conversations and reviews."),
    ],
    "leadership-team": [
        ("Strategy", "Plans and numbers not ready to share yet."),
    ],
    "tech-talks": [
        ("Talk proposals", "Pitch a talk or ask for one."),
        ("Questions & resources", "Books, courses and questions after a talk."),
    ],
    "running-club-jakarta": [
        ("Routes & races", "Rute lari, jadwal race dan pendaftaran."),
    ],
    "kuliner-nusantara": [
        ("Rekomendasi", "Tempat makan dan resep andalan."),
    ],
    "parents-kolega": [
        ("Tanya orang tua", "Daycare, sekolah, dan tips jadi orang tua yang bekerja."),
    ],
}  # fmt: skip
DEFAULT_COMMUNITY_CATEGORIES = [
    ("Tanya jawab", "Questions and answers for the community."),
    ("Ngobrol", "Discussions, ideas and plans."),
]

# --- who answers what --------------------------------------------------------------------------

TOPICS = {
    "it": {
        "departments": ["IT Support", "Engineering"],
        "keywords": ["Service Desk", "IT ", "Network", "System", "DevOps", "Site Reliability",
                     "Security", "Infrastructure", "Support", "Head of IT", "End-User"],
    },
    "product": {
        "departments": ["Engineering", "Customer Service", "Sales"],
        "keywords": ["Payments", "Mobile", "Backend", "Platform", "Software", "Pre-Sales",
                     "Customer Success", "Priority", "Web"],
    },
    "hr": {
        "departments": ["Human Resources"],
        "keywords": ["HR ", "Payroll", "Compensation", "People", "Business Partner",
                     "HR Generalist", "HR Administrator"],
    },
    "finance": {
        "departments": ["Finance"],
        "keywords": ["Accountant", "Tax", "Payable", "Treasury", "Finance", "Accounting"],
    },
    "office": {
        "departments": ["Operations", "Human Resources"],
        "keywords": ["Facilities", "Operations Officer", "Administrator", "HSE",
                     "Health & Safety"],
    },
    "sales": {
        "departments": ["Sales"],
        "keywords": ["Sales Manager", "Key Account", "Pre-Sales", "Senior Account"],
    },
    "operations": {
        "departments": ["Operations"],
        "keywords": ["Operations Manager", "Logistics", "Warehouse", "Inventory", "HSE"],
    },
    "engineering": {
        "departments": ["Engineering"],
        "keywords": ["Senior", "Tech Lead", "Engineering Manager", "Site Reliability",
                     "DevOps", "Backend"],
    },
    "marketing": {
        "departments": ["Marketing"],
        "keywords": ["Marketing Manager", "Brand", "Digital", "Content", "SEO"],
    },
    "managers": {"departments": ["Human Resources"], "keywords": ["Director", "Business Partner"]},
    "general": {"departments": [], "keywords": []},
}  # fmt: skip
# How often a topic's three experts answer, against 0.5 for anyone else of its departments
# (and, now and then, someone from elsewhere who knows).
EXPERT_WEIGHTS = [12, 7, 4]

# --- slot values -------------------------------------------------------------------------------
# A list serves both languages; a dict gives each language its own.

VALUES = {
    "printer": {
        "id": ["printer lantai 8", "printer Finance di lantai 9", "printer dekat pantry lantai 12",
               "printer warna di ruang Marketing"],
        "en": ["the 8th-floor printer", "the Finance printer on 9", "the printer by the "
               "12th-floor pantry", "the colour printer in the Marketing room"],
    },
    "laptop": ["ThinkPad T14", "Dell Latitude 5440", "MacBook Air M2", "HP EliteBook 840"],
    "vpn_error": ["error 809", "\"Authentication failed\"", "\"Connection timed out\"",
                  "\"Certificate expired\"", "error 720"],
    "sap_module": ["SAP FI", "SAP MM", "SAP SD"],
    "sap_tcode": ["FB60", "MIRO", "ME21N", "F-53", "FBL1N"],
    "browser": ["Chrome", "Edge", "Firefox"],
    "app": ["Zoom", "Power BI Desktop", "Figma", "Tableau Reader", "DBeaver", "Postman"],
    "floor": ["7", "8", "9", "12"],
    "room": ["Ruang Borobudur", "Ruang Prambanan", "Ruang Toba", "Ruang Komodo"],
    "leave_days": ["3", "4", "5", "6"],
    "claim": {
        "id": ["kacamata", "rawat jalan", "perjalanan dinas", "internet WFH", "training"],
        "en": ["glasses", "outpatient care", "business travel", "WFH internet", "training"],
    },
    "invoice_no": ["INV/2025/0412", "INV-KN-0881", "INV/PRM/1203", "SI-24-7731"],
    "cost_center": ["CC-1100", "CC-2310", "CC-4200", "CC-5150"],
    "otp_channel": {"id": ["SMS", "WhatsApp", "email"], "en": ["SMS", "WhatsApp", "e-mail"]},
    "os": ["Android 14", "iOS 17", "Android 12"],
    "bank": ["BCA", "Mandiri", "BNI", "BRI", "CIMB Niaga"],
    "report": {
        "id": ["laporan penjualan harian", "laporan stok", "rekap transaksi QRIS",
               "laporan settlement"],
        "en": ["daily sales report", "stock report", "QRIS transaction summary",
               "settlement report"],
    },
}  # fmt: skip

# --- what everybody says ---------------------------------------------------------------------

# Problems others have too (the IT help desk, products) ...
SAME_HERE = {
    "id": ["Saya juga mengalami hal yang sama sejak kemarin 🙋", "+1, di tim kami juga begitu.",
           "Ikut pantau ya, saya juga butuh jawabannya.", "Sama, {asker_first}. Ada update?",
           "Kemarin saya juga kena, akhirnya restart saja tapi besoknya muncul lagi.",
           "Ikut nanya: ini berlaku juga untuk kantor cabang?"],
    "en": ["Same here since yesterday 🙋", "+1, my team sees it too.",
           "Following, I need the answer as well.", "Same for me, {asker_first}. Any news?",
           "Had this last week; a restart fixed it for a day, then it came back.",
           "Does this apply to the branch offices too?"],
}  # fmt: skip
# ... and questions others wonder about (a template with "metoo": False gets neither).
ME_TOO = {
    "id": ["Pertanyaan bagus, saya juga ingin tahu 👀", "Ikut pantau ya.",
           "Saya juga pernah bingung soal ini, {asker_first}.",
           "Sama, tim kami juga menunggu jawabannya."],
    "en": ["Good question, I'd like to know too 👀", "Following.",
           "I've wondered about this too, {asker_first}.",
           "Same question from my team, waiting for the answer."],
}  # fmt: skip
THANKS = {
    "id": ["Sudah berhasil, terima kasih banyak {answerer_first}! 🙏",
           "Mantap, langsung beres. Terima kasih {answerer_first}!",
           "Oke, jelas sekarang. Terima kasih penjelasannya 🙏",
           "Sudah saya coba dan berhasil. Makasih ya!",
           "Siap, noted. Terima kasih {answerer_first}, sangat membantu."],
    "en": ["That worked, thanks a lot {answerer_first}! 🙏",
           "Sorted, thank you {answerer_first}!", "Clear now, thanks for explaining 🙏",
           "Tried it and it works. Thanks!", "Got it. Thanks {answerer_first}, very helpful."],
}  # fmt: skip
BUMP = {
    "id": ["Up 🙏 Ada yang bisa bantu?", "Masih butuh jawaban ini, mohon bantuannya.",
           "Bump. Ada yang pernah mengalami?"],
    "en": ["Bump 🙏 Anyone?", "Still looking for an answer here.",
           "Bumping this. Has anyone seen it before?"],
}  # fmt: skip
# The asker comes back: a problem that is still there (IT, products) ...
STILL_BROKEN = {
    "id": ["Sudah saya coba, tapi masih sama 😕", "Hmm, langkah itu sudah, hasilnya tetap.",
           "Terima kasih, tapi di kasus saya belum berhasil. Ada cara lain?"],
    "en": ["Tried that, still the same 😕", "Already did those steps, no luck.",
           "Thanks, but it didn't work in my case. Anything else I can try?"],
}  # fmt: skip
# ... or a procedure that does not quite fit their case (HR, finance, the office).
NOT_YET = {
    "id": ["Terima kasih! Tapi di portal saya menunya belum muncul, kenapa ya?",
           "Oke. Kalau kasus saya agak beda (sudah lewat tanggalnya), masih bisa?",
           "Sudah saya coba lewat portal, tapi muncul pesan error. Harus bagaimana?"],
    "en": ["Thanks! The menu doesn't show up in my portal though, any idea why?",
           "OK. What if my case is a bit different (past the deadline)?",
           "Tried it in the portal but got an error. What now?"],
}  # fmt: skip
# The expert's second try.
FOLLOWUPS = {
    "it": {
        "id": ["Oke, saya remote ke laptop kamu jam {time} ya, tolong buka aplikasi Quick "
               "Assist.",
               "Kalau begitu tolong buat tiket di portal IT dengan screenshot-nya, saya ambil "
               "langsung hari ini.",
               "Mampir saja ke meja IT lantai 8 dengan laptopnya, kita lihat bersama."],
        "en": ["OK, I'll remote in at {time}, please open Quick Assist.",
               "Then please raise a ticket in the IT portal with a screenshot and I'll pick it "
               "up today.", "Come by the IT desk on 8 with the laptop and we'll look at it "
               "together."],
    },
    "product": {
        "id": ["Bisa kirim ID pelanggan dan jam kejadiannya via DM? Saya telusuri di "
               "monitoring.",
               "Ternyata ini bug di versi aplikasi lama. Minta pelanggan update ke versi "
               "terbaru, fix-nya sudah rilis kemarin.",
               "Sudah saya eskalasi ke tim engineering terkait; update di sini paling lambat "
               "besok siang."],
        "en": ["Could you DM me the customer ID and the time it happened? I'll trace it in "
               "monitoring.",
               "It's a bug in the old app version. Ask the customer to update; the fix "
               "shipped yesterday.",
               "I've escalated it to the engineering team; update here by tomorrow noon."],
    },
    "hr": {
        "id": ["Kalau di portal belum muncul, kemungkinan data kamu belum di-sync dari "
               "payroll. Saya cek dan kabari besok pagi ya.",
               "Untuk kasus seperti ini perlu persetujuan atasan dulu. Silakan kirim email ke "
               "HR dengan cc atasan, nanti kami proses manual."],
        "en": ["If it's not in the portal yet, your record probably hasn't synced from payroll. "
               "I'll check and get back to you tomorrow morning.",
               "This case needs your manager's approval first. Email HR with your manager in "
               "cc and we'll process it manually."],
    },
    "finance": {
        "id": ["Saya cek di SAP: dokumennya tertahan karena cost center belum diisi. Tolong "
               "revisi lalu submit ulang.",
               "Kalau begitu kirim dokumen aslinya ke meja Finance lantai 9, nanti kami bantu "
               "proses manual sebelum cut-off."],
        "en": ["I checked SAP: it's parked because the cost centre is missing. Please fix it "
               "and resubmit.",
               "Then bring the original documents to the Finance desk on 9 and we'll process "
               "it manually before the cut-off."],
    },
}  # fmt: skip
FOLLOWUPS["office"] = FOLLOWUPS["hr"]
# A second expert adds something.
TIPS = {
    "id": ["Tambahan dari saya: {tip}", "Betul kata {answerer_first}. Satu lagi: {tip}",
           "Noted juga: {tip}"],
    "en": ["Adding to that: {tip}", "What {answerer_first} said. Also: {tip}",
           "One more thing: {tip}"],
}  # fmt: skip
TIP_TEXTS = {
    "it": {
        "id": ["pastikan laptop sudah update Windows terbaru, banyak masalah hilang setelah itu.",
               "kalau darurat, telepon hotline IT di ext. 1234.",
               "cek juga status layanan di halaman status IT sebelum buat tiket."],
        "en": ["make sure Windows is fully updated, that fixes more than you'd think.",
               "for anything urgent, call the IT hotline on ext. 1234.",
               "check the IT status page before raising a ticket."],
    },
    "product": {
        "id": ["dokumentasi lengkapnya ada di knowledge base, cari 'panduan merchant'.",
               "kalau pelanggan prioritas, langsung eskalasi lewat kanal eskalasi CS."],
        "en": ["the full write-up is in the knowledge base, search 'merchant guide'.",
               "for priority customers, escalate straight away in the CS escalation channel."],
    },
    "hr": {
        "id": ["semua kebijakan terbaru ada di portal HR menu Kebijakan.",
               "simpan bukti pengajuan, berguna kalau ada pertanyaan saat audit."],
        "en": ["all current policies are in the HR portal under Policies.",
               "keep the confirmation, it helps if questions come up later."],
    },
    "finance": {
        "id": ["jangan lupa cut-off pengajuan tanggal 25 setiap bulan.",
               "faktur pajak wajib atas nama PT Kolega Nusantara lengkap dengan NPWP."],
        "en": ["remember the claims cut-off on the 25th of every month.",
               "the tax invoice must be addressed to PT Kolega Nusantara with our NPWP."],
    },
}  # fmt: skip
TIP_TEXTS["office"] = TIP_TEXTS["hr"]
DISCUSSION_REPLIES = {
    "id": ["Setuju dengan {asker_first}. Di tim kami sudah dicoba dan hasilnya positif.",
           "Menarik. Kalau boleh usul, coba dulu satu bulan lalu dievaluasi.",
           "Saya agak beda pendapat: yang penting konsisten, apa pun pilihannya.",
           "Pengalaman saya di kantor sebelumnya mirip. Kuncinya komunikasi dari awal.",
           "+1, ini sudah lama ditunggu 👍", "Boleh dibahas di meeting bulanan juga?"],
    "en": ["Agree with {asker_first}. We tried it in my team and it worked well.",
           "Interesting. Why not pilot it for a month and review?",
           "I see it a bit differently: consistency matters more than the choice itself.",
           "Same experience at my previous company. Communicate early, that's the key.",
           "+1, long overdue 👍", "Could we bring this to the monthly meeting too?"],
}  # fmt: skip

# --- the threads -------------------------------------------------------------------------------

THREADS = [
    # -- IT help desk ----------------------------------------------------------------------------
    {
        "key": "vpn_disconnect", "topic": "it", "place": "company:it", "weight": 4,
        "tags": ["vpn", "wfh"],
        "en": {
            "title": "VPN keeps disconnecting every few minutes when working from home",
            "body": "Since this morning my VPN drops every 5-10 minutes with {vpn_error}. "
                    "Home Wi-Fi is fine (other sites load). Laptop: {laptop}. Anyone else?",
            "answers": [
                "This is usually the old VPN profile. Try:\n\n1. Disconnect and quit the VPN "
                "client\n2. Delete the profile and import the new one from the IT portal "
                "(Downloads > VPN)\n3. Connect with your full e-mail as the user name\n\nThe "
                "gateway moved last week, old profiles still point at the retired server.",
                "Check that split tunnelling is on (Settings > Advanced). With full tunnel "
                "your video calls go through Jakarta and the client drops when the line is "
                "saturated. If it still drops, send me the log from `%TEMP%\\vpn.log`.",
            ],
        },
        "id": {
            "title": "VPN putus-putus terus saat WFH",
            "body": "Dari pagi VPN saya putus tiap 5-10 menit, muncul {vpn_error}. Wi-Fi rumah "
                    "normal, situs lain lancar. Laptop {laptop}. Ada yang sama?",
            "answers": [
                "Biasanya ini karena profil VPN lama. Coba:\n\n1. Disconnect dan tutup "
                "aplikasi VPN\n2. Hapus profil lama, impor profil baru dari portal IT (menu "
                "Unduhan > VPN)\n3. Login pakai email lengkap sebagai user name\n\nGateway "
                "kita pindah minggu lalu, profil lama masih mengarah ke server yang sudah "
                "dimatikan.",
                "Cek apakah split tunnelling aktif (Settings > Advanced). Kalau full tunnel, "
                "semua video call lewat Jakarta dan klien putus saat jalur penuh. Kalau masih "
                "putus, kirim log dari `%TEMP%\\vpn.log` ke saya.",
            ],
        },
    },
    {
        "key": "vpn_mfa", "topic": "it", "place": "company:it", "weight": 2.5,
        "tags": ["vpn", "mfa"],
        "en": {
            "title": "New phone: how do I move my VPN authenticator (MFA)?",
            "body": "I got a new phone and the authenticator codes for the VPN are on the old "
                    "one. Can I move them myself or do I need IT?",
            "answers": [
                "You can do it yourself if you still have the old phone: sign in to "
                "the account security page, choose *Add method* > Authenticator app and scan "
                "the QR code with the new phone, then remove the old device. If the old phone "
                "is gone, raise a ticket and we'll reset MFA after a quick identity check.",
            ],
        },
        "id": {
            "title": "Ganti HP, bagaimana pindahkan authenticator VPN (MFA)?",
            "body": "Saya ganti HP, kode authenticator untuk VPN masih di HP lama. Bisa pindah "
                    "sendiri atau harus lewat IT?",
            "answers": [
                "Bisa sendiri selama HP lama masih ada: login ke halaman keamanan akun, pilih "
                "*Tambah metode* > Authenticator app, scan QR dengan HP baru, lalu hapus "
                "perangkat lama. Kalau HP lama sudah hilang, buat tiket dan kami reset MFA "
                "setelah verifikasi identitas singkat.",
            ],
        },
    },
    {
        "key": "printer_jam", "topic": "it", "place": "company:it", "weight": 2.5,
        "tags": ["printer"],
        "en": {
            "title": "Print jobs stuck in the queue on {printer}",
            "body": "My documents show *Printing* forever on {printer}, nothing comes out. "
                    "Colleagues next to me have the same problem. Restarted the laptop already.",
            "answers": [
                "The print server needed a spooler restart; done, the queue is moving again. If "
                "yours is still stuck, remove the job from the queue and print again. For next "
                "time: `Print Management > Printers > Cancel all documents` clears it on your "
                "side.",
                "Two things to try:\n\n- Remove the printer and add it again from "
                "`\\\\print01` (the old `\\\\print-jkt` share was retired)\n- Make sure you pick "
                "the *FollowMe* queue and release the job with your access card\n\nMost "
                "\"stuck\" jobs are waiting for the card tap.",
            ],
        },
        "id": {
            "title": "Dokumen nyangkut di antrean {printer}",
            "body": "Dokumen saya statusnya *Printing* terus di {printer}, tidak keluar "
                    "apa-apa. Teman sebelah juga sama. Laptop sudah saya restart.",
            "answers": [
                "Print server-nya perlu restart spooler, sudah saya lakukan dan antrean jalan "
                "lagi. Kalau punya kamu masih nyangkut, hapus job dari antrean lalu print ulang.",
                "Coba dua hal ini:\n\n- Hapus printer lalu tambahkan lagi dari `\\\\print01` "
                "(share lama `\\\\print-jkt` sudah tidak dipakai)\n- Pastikan pilih antrean "
                "*FollowMe* lalu tap kartu akses di printer\n\nKebanyakan dokumen \"nyangkut\" "
                "sebenarnya menunggu tap kartu.",
            ],
        },
    },
    {
        "key": "printer_scan", "topic": "it", "place": "company:it", "weight": 1.2,
        "tags": ["printer", "scan"],
        "en": {
            "title": "Scan to e-mail no longer works on {printer}",
            "body": "Scanning to e-mail used to work, now it says *SMTP error* after scanning. "
                    "I need to scan signed contracts today.",
            "answers": [
                "We moved the printers to the new mail relay yesterday and {printer} was "
                "missed. Fixed now, please try again. Meanwhile *Scan to folder* "
                "(`\\\\print01\\scans\\<your name>`) always works as a fallback.",
            ],
        },
        "id": {
            "title": "Scan to email tidak berfungsi di {printer}",
            "body": "Biasanya scan ke email lancar, sekarang muncul *SMTP error* setelah scan. "
                    "Saya harus scan kontrak yang sudah ditandatangani hari ini.",
            "answers": [
                "Kemarin printer dipindah ke mail relay baru dan {printer} terlewat. Sudah "
                "saya perbaiki, silakan coba lagi. Sementara itu *Scan to folder* "
                "(`\\\\print01\\scans\\<nama kamu>`) selalu bisa dipakai sebagai cadangan.",
            ],
        },
    },
    {
        "key": "laptop_slow", "topic": "it", "place": "company:it", "weight": 2.5,
        "tags": ["laptop"],
        "en": {
            "title": "{laptop} very slow after the latest update",
            "body": "Since last week's update my {laptop} takes ages to boot and Excel freezes "
                    "with big files. Fan is always loud. Is there a known issue?",
            "answers": [
                "Yes, the antivirus full scan got scheduled at 10 am by the update. We pushed "
                "a fix last night; restart twice today and it moves to Sunday night. If Excel "
                "still freezes, check that you're on 64-bit Office (*File > Account > About "
                "Excel*); 32-bit runs out of memory on big files.",
                "Open Task Manager > Startup and disable what you don't need (Teams "
                "auto-start, OneDrive if you don't use it). If the disk shows 100%, bring it "
                "to the IT desk: some {laptop} units need the SSD firmware update.",
            ],
        },
        "id": {
            "title": "{laptop} lemot sekali setelah update terakhir",
            "body": "Sejak update minggu lalu, {laptop} saya booting lama sekali dan Excel "
                    "sering hang kalau file besar. Kipas bunyi terus. Ada masalah yang sudah "
                    "diketahui?",
            "answers": [
                "Iya, update kemarin membuat jadwal full scan antivirus jadi jam 10 pagi. Fix "
                "sudah kami kirim semalam; restart dua kali hari ini dan jadwalnya pindah ke "
                "Minggu malam. Kalau Excel masih hang, cek apakah Office-nya 64-bit (*File > "
                "Account > About Excel*), yang 32-bit cepat kehabisan memori.",
                "Buka Task Manager > Startup, matikan yang tidak perlu (Teams auto-start, "
                "OneDrive kalau tidak dipakai). Kalau disk 100% terus, bawa ke meja IT: "
                "beberapa unit {laptop} perlu update firmware SSD.",
            ],
        },
    },
    {
        "key": "laptop_replace", "topic": "it", "place": "company:it", "weight": 1.2,
        "metoo": False, "tags": ["laptop", "aset"],
        "en": {
            "title": "When is a laptop due for replacement?",
            "body": "My laptop is almost 5 years old and the battery lasts an hour. What's the "
                    "replacement policy and how do I request one?",
            "answers": [
                "Laptops are replaced after 4 years, or earlier if repair costs more than a "
                "third of a new one. Raise a *Hardware request* in the IT portal with your "
                "asset number (sticker under the laptop); your manager approves it and we "
                "usually deliver within two weeks. Back up your files to OneDrive first.",
            ],
        },
        "id": {
            "title": "Kapan laptop bisa diganti baru?",
            "body": "Laptop saya sudah hampir 5 tahun, baterai cuma tahan satu jam. Aturan "
                    "penggantiannya bagaimana dan pengajuannya lewat mana?",
            "answers": [
                "Laptop diganti setelah 4 tahun, atau lebih cepat kalau biaya perbaikan lebih "
                "dari sepertiga harga baru. Ajukan *Permintaan hardware* di portal IT dengan "
                "nomor aset (stiker di bawah laptop); atasan menyetujui, biasanya laptop "
                "datang dalam dua minggu. Backup file ke OneDrive dulu ya.",
            ],
        },
    },
    {
        "key": "mailbox_full", "topic": "it", "place": "company:it", "weight": 1.5,
        "tags": ["email", "outlook"],
        "en": {
            "title": "Outlook says my mailbox is full",
            "body": "I can't send e-mails any more: *Your mailbox is full*. I don't want to "
                    "lose old threads with customers. What's the best way to free space?",
            "answers": [
                "Turn on the online archive: right-click your mailbox > *Archive settings* "
                "and move everything older than a year; it stays searchable. Also empty "
                "*Deleted Items* and sort by size to find big attachments (save those to "
                "OneDrive). If it's still full, I can raise your quota to 100 GB.",
            ],
        },
        "id": {
            "title": "Outlook bilang mailbox saya penuh",
            "body": "Saya tidak bisa kirim email lagi: *Your mailbox is full*. Tidak mau "
                    "kehilangan email lama dengan pelanggan. Cara terbaik mengosongkan ruang?",
            "answers": [
                "Aktifkan online archive: klik kanan mailbox > *Archive settings*, pindahkan "
                "semua yang lebih dari setahun; tetap bisa dicari. Kosongkan juga *Deleted "
                "Items* dan urutkan berdasarkan ukuran untuk menemukan lampiran besar (simpan "
                "di OneDrive). Kalau masih penuh, kuota bisa saya naikkan ke 100 GB.",
            ],
        },
    },
    {
        "key": "password_reset", "topic": "it", "place": "company:it", "weight": 2,
        "tags": ["password", "akun"],
        "en": {
            "title": "Account locked after password change",
            "body": "I changed my password this morning and now I'm locked out every half "
                    "hour. I can't even log in to the laptop sometimes.",
            "answers": [
                "Something still uses your old password and keeps trying: usually the phone "
                "(mail app) or a mapped drive. Update the password on your phone first, then "
                "remove saved entries in *Credential Manager*. I've unlocked the account; if "
                "it locks again within the hour, tell me and I'll check which device it is.",
            ],
        },
        "id": {
            "title": "Akun terkunci setelah ganti password",
            "body": "Tadi pagi saya ganti password, sekarang akun terkunci tiap setengah jam. "
                    "Kadang malah tidak bisa login ke laptop.",
            "answers": [
                "Ada perangkat yang masih pakai password lama dan terus mencoba: biasanya HP "
                "(aplikasi email) atau mapped drive. Update password di HP dulu, lalu hapus "
                "kredensial tersimpan di *Credential Manager*. Akunnya sudah saya buka; kalau "
                "terkunci lagi dalam sejam, kabari saya, nanti saya cek perangkat mana.",
            ],
        },
    },
    {
        "key": "sap_locked", "topic": "it", "place": "company:it", "weight": 2.2,
        "tags": ["sap", "akun"],
        "en": {
            "title": "SAP user locked: \"Too many failed logon attempts\"",
            "body": "I need {sap_module} for the closing today but my SAP user is locked. "
                    "Who can unlock it quickly?",
            "answers": [
                "Unlocked, you'll get a temporary password by e-mail; change it at first "
                "logon. Next time use *Forgot password* on the SAP login page, it resets "
                "itself through your e-mail in five minutes, no ticket needed.",
            ],
        },
        "id": {
            "title": "User SAP terkunci: \"Too many failed logon attempts\"",
            "body": "Saya butuh {sap_module} untuk closing hari ini tapi user SAP saya "
                    "terkunci. Siapa yang bisa buka cepat?",
            "answers": [
                "Sudah saya buka, password sementara dikirim ke email; ganti saat login "
                "pertama. Lain kali pakai *Lupa password* di halaman login SAP, reset sendiri "
                "lewat email dalam lima menit, tanpa tiket.",
            ],
        },
    },
    {
        "key": "sap_gui", "topic": "it", "place": "company:it", "weight": 1.5,
        "tags": ["sap"],
        "en": {
            "title": "SAP GUI crashes when I open {sap_tcode}",
            "body": "SAP GUI closes without a message as soon as I run {sap_tcode}. Other "
                    "transactions are fine. Started after I got a new laptop.",
            "answers": [
                "The new laptops came with SAP GUI 7.70 patch 1, which has exactly this bug. "
                "Install patch 3 from the Software Center (search *SAP GUI*), restart, and "
                "{sap_tcode} opens again. Your settings are kept.",
            ],
        },
        "id": {
            "title": "SAP GUI force close setiap buka {sap_tcode}",
            "body": "SAP GUI langsung tertutup tanpa pesan begitu saya jalankan {sap_tcode}. "
                    "Transaksi lain normal. Mulai terjadi sejak dapat laptop baru.",
            "answers": [
                "Laptop baru terpasang SAP GUI 7.70 patch 1 yang punya bug persis ini. Instal "
                "patch 3 dari Software Center (cari *SAP GUI*), restart, dan {sap_tcode} bisa "
                "dibuka lagi. Setting kamu tetap tersimpan.",
            ],
        },
    },
    {
        "key": "wifi_guest", "topic": "it", "place": "company:it", "weight": 1.2,
        "tags": ["wifi"],
        "en": {
            "title": "Guest Wi-Fi for visitors at {office}",
            "body": "We have a customer workshop at {office} next week. How do visitors get "
                    "on the Wi-Fi? The *Kolega-Guest* password doesn't seem to work any more.",
            "answers": [
                "The guest Wi-Fi now uses daily vouchers: reception prints them, or you can "
                "create up to 20 in the IT portal (*Guest access*), valid 24 hours each. The "
                "old shared password was retired for security reasons.",
            ],
        },
        "id": {
            "title": "Wi-Fi tamu untuk pengunjung di {office}",
            "body": "Minggu depan ada workshop dengan pelanggan di {office}. Tamu connect Wi-Fi "
                    "bagaimana? Password *Kolega-Guest* sepertinya sudah tidak berlaku.",
            "answers": [
                "Wi-Fi tamu sekarang pakai voucher harian: resepsionis bisa mencetak, atau "
                "kamu buat sendiri sampai 20 voucher di portal IT (*Akses tamu*), berlaku 24 "
                "jam. Password bersama yang lama sudah dimatikan demi keamanan.",
            ],
        },
    },
    {
        "key": "shared_drive", "topic": "it", "place": "company:it", "weight": 1.5,
        "tags": ["akses", "sharepoint"],
        "en": {
            "title": "Access to the {team} shared folder",
            "body": "I moved to {team} this month and can't open their shared folder "
                    "(*Access denied*). Who grants access?",
            "answers": [
                "Folder access follows the team's owner: request it in the IT portal (*Access "
                "request* > Shared folder) and the folder owner approves, usually the same "
                "day. I've pinged the owner of the {team} folder for you.",
            ],
        },
        "id": {
            "title": "Akses ke shared folder tim {team}",
            "body": "Bulan ini saya pindah ke tim {team} dan tidak bisa buka shared folder "
                    "mereka (*Access denied*). Siapa yang memberi akses?",
            "answers": [
                "Akses folder mengikuti pemilik folder: ajukan di portal IT (*Permintaan "
                "akses* > Shared folder), pemilik folder yang menyetujui, biasanya di hari "
                "yang sama. Saya sudah colek pemilik folder {team} juga.",
            ],
        },
    },
    {
        "key": "phishing", "topic": "it", "place": "company:it", "weight": 1.2,
        "tags": ["keamanan", "phishing"],
        "en": {
            "title": "Is this e-mail about a \"payroll update\" phishing?",
            "body": "Got an e-mail asking me to confirm my bank account for the payroll "
                    "update, link goes to a site that looks like our HR portal. Looks off.",
            "answers": [
                "Good catch: it's phishing, we've blocked the domain. Use the *Report "
                "phishing* button in Outlook for these, it removes the mail from everyone's "
                "inbox at once. HR never asks for bank details by e-mail. If you clicked and "
                "typed your password, change it now and tell us.",
            ],
        },
        "id": {
            "title": "Email soal \"update payroll\" ini phishing bukan?",
            "body": "Dapat email minta konfirmasi rekening untuk update payroll, link-nya ke "
                    "situs yang mirip portal HR kita. Kok aneh ya.",
            "answers": [
                "Tepat, itu phishing dan domainnya sudah kami blokir. Pakai tombol *Report "
                "phishing* di Outlook, email akan terhapus dari semua inbox sekaligus. HR "
                "tidak pernah minta data rekening lewat email. Kalau sempat klik dan mengetik "
                "password, segera ganti dan kabari kami.",
            ],
        },
    },
    {
        "key": "install_app", "topic": "it", "place": "company:it", "weight": 1.2,
        "tags": ["software"],
        "en": {
            "title": "How do I install {app} on my work laptop?",
            "body": "I need {app} for a project but installing asks for an admin password. "
                    "Is it allowed?",
            "answers": [
                "Most approved software is in the *Software Center*, {app} included: search "
                "for it and click Install, no admin rights needed. If something isn't there, "
                "request it in the IT portal and security reviews it within two working days.",
            ],
        },
        "id": {
            "title": "Cara install {app} di laptop kantor?",
            "body": "Saya butuh {app} untuk proyek tapi waktu install diminta password admin. "
                    "Boleh dipakai tidak?",
            "answers": [
                "Sebagian besar software resmi ada di *Software Center*, termasuk {app}: cari "
                "lalu klik Install, tidak perlu hak admin. Kalau tidak ada, ajukan di portal IT "
                "dan tim keamanan review dalam dua hari kerja.",
            ],
        },
    },
    {
        "key": "zoom_room", "topic": "it", "place": "company:it", "weight": 1,
        "tags": ["zoom", "meeting"],
        "en": {
            "title": "Zoom Room in {room} shows no camera",
            "body": "The Zoom Room in {room} starts the meeting but the camera is black. Had "
                    "a client call there and ended up on a laptop.",
            "answers": [
                "The USB hub behind the TV had come loose; fixed. If it happens again, the "
                "tablet has *Settings > Restart Zoom Room* (PIN is on the sticker), which "
                "fixes it nine times out of ten.",
            ],
        },
        "id": {
            "title": "Zoom Room di {room} kameranya tidak muncul",
            "body": "Zoom Room di {room} bisa mulai meeting tapi kameranya hitam. Tadi ada "
                    "call dengan klien, akhirnya pakai laptop.",
            "answers": [
                "Hub USB di belakang TV longgar, sudah dibereskan. Kalau terulang, di tablet "
                "ada *Settings > Restart Zoom Room* (PIN ada di stiker), biasanya beres.",
            ],
        },
    },
    {
        "key": "it_discussion_pm", "topic": "it", "place": "company:it", "weight": 0.8,
        "kind": "discussion", "tags": ["password", "keamanan"],
        "en": {
            "title": "Should we roll out a password manager for everyone?",
            "body": "Many of us keep passwords for vendor portals in spreadsheets. Would a "
                    "company password manager help? What do other teams use?",
            "replies": ["Yes please. Sales has a dozen shared logins for tender portals.",
                        "As long as it works on the phone too.",
                        "We pilot one in Engineering; shared vaults per team work well."],
        },
        "id": {
            "title": "Perlu tidak password manager untuk semua karyawan?",
            "body": "Banyak dari kita simpan password portal vendor di spreadsheet. Apakah "
                    "password manager perusahaan akan membantu? Tim lain pakai apa?",
            "replies": ["Setuju banget. Tim Sales punya belasan login bersama untuk portal "
                        "tender.", "Asal bisa dipakai di HP juga.",
                        "Di Engineering sudah pilot, vault per tim cukup enak dipakai."],
        },
    },
    # -- Products & troubleshooting -------------------------------------------------------------
    {
        "key": "qris_settlement", "topic": "product", "place": "company:product", "weight": 2.5,
        "tags": ["kolegapay", "qris"],
        "en": {
            "title": "KolegaPay: QRIS settlement to {bank} delayed for a merchant",
            "body": "{customer} says yesterday's QRIS settlement hasn't reached their {bank} "
                    "account. The dashboard shows *Settled*. What should I tell them?",
            "answers": [
                "Settlements to {bank} go out in the 14:00 batch and land the next working "
                "day, so *Settled* on our side can still mean in transit. If it's not there "
                "by 10 am tomorrow, send me the merchant ID and I'll get the transfer "
                "reference from treasury.",
            ],
        },
        "id": {
            "title": "KolegaPay: settlement QRIS ke {bank} terlambat",
            "body": "{customer} bilang settlement QRIS kemarin belum masuk ke rekening {bank} "
                    "mereka. Di dashboard statusnya *Settled*. Saya harus jawab apa?",
            "answers": [
                "Settlement ke {bank} dikirim di batch jam 14.00 dan masuk hari kerja "
                "berikutnya, jadi *Settled* di sisi kita bisa berarti masih dalam perjalanan. "
                "Kalau besok jam 10 belum masuk, kirim ID merchant ke saya, nanti saya "
                "mintakan nomor referensi transfer ke treasury.",
            ],
        },
    },
    {
        "key": "pos_offline", "topic": "product", "place": "company:product", "weight": 2,
        "tags": ["kolegapos"],
        "en": {
            "title": "Kolega POS: offline transactions not syncing",
            "body": "A merchant lost internet for two hours; Kolega POS kept selling offline "
                    "but the transactions don't show in the back office now that it's online "
                    "again.",
            "answers": [
                "Offline sales sync in the background every 15 minutes once online. If they "
                "are still missing, open *Settings > Sync > Sync now* on the POS. Don't "
                "reinstall the app before the sync is done: unsynced sales are only on the "
                "device.",
            ],
        },
        "id": {
            "title": "Kolega POS: transaksi offline tidak tersinkron",
            "body": "Internet merchant mati dua jam; Kolega POS tetap jualan offline, tapi "
                    "setelah online lagi transaksinya tidak muncul di back office.",
            "answers": [
                "Transaksi offline disinkron otomatis tiap 15 menit setelah online. Kalau masih "
                "belum muncul, buka *Pengaturan > Sinkronisasi > Sinkron sekarang* di POS. "
                "Jangan reinstall aplikasi sebelum sinkron selesai, transaksi yang belum "
                "terkirim hanya ada di perangkat.",
            ],
        },
    },
    {
        "key": "fleet_gps", "topic": "product", "place": "company:product", "weight": 1.5,
        "tags": ["kolegafleet", "gps"],
        "en": {
            "title": "Kolega Fleet: truck positions not updating",
            "body": "{customer} reports that several trucks have stood still on the Kolega "
                    "Fleet map since this morning although the drivers are on the road.",
            "answers": [
                "Those units use the old GPS SIM from one operator that had an outage this "
                "morning; positions are buffered and will appear once the signal is back. "
                "For the long term we're swapping them to dual-SIM trackers; the customer's "
                "account manager has the schedule.",
            ],
        },
        "id": {
            "title": "Kolega Fleet: posisi truk tidak update",
            "body": "{customer} melaporkan beberapa truk diam di peta Kolega Fleet sejak pagi "
                    "padahal sopirnya sedang jalan.",
            "answers": [
                "Unit itu masih pakai SIM GPS dari satu operator yang sedang gangguan pagi "
                "ini; posisinya tersimpan dan akan muncul begitu sinyal kembali. Jangka "
                "panjang, kami ganti ke tracker dual-SIM; jadwalnya ada di account manager "
                "pelanggan.",
            ],
        },
    },
    {
        "key": "mitra_otp", "topic": "product", "place": "company:product", "weight": 1.8,
        "tags": ["kolegamitra", "otp"],
        "en": {
            "title": "Kolega Mitra app: customers don't receive the OTP by {otp_channel}",
            "body": "Since yesterday several partners on {os} say the login OTP by "
                    "{otp_channel} never arrives. Is there an incident?",
            "answers": [
                "Our {otp_channel} provider had delays yesterday afternoon; it's recovered. "
                "In the app they can tap *Send another way* after 60 seconds to get the code "
                "by e-mail. If one number keeps failing, send it to me and I'll check the "
                "delivery log.",
            ],
        },
        "id": {
            "title": "Aplikasi Kolega Mitra: OTP lewat {otp_channel} tidak masuk",
            "body": "Sejak kemarin beberapa mitra pengguna {os} bilang OTP login lewat "
                    "{otp_channel} tidak pernah masuk. Ada gangguan?",
            "answers": [
                "Provider {otp_channel} kita sempat delay kemarin sore, sekarang sudah normal. "
                "Di aplikasi, setelah 60 detik bisa tap *Kirim dengan cara lain* untuk dapat "
                "kode via email. Kalau ada nomor yang gagal terus, kirim ke saya untuk dicek "
                "log pengirimannya.",
            ],
        },
    },
    {
        "key": "insight_export", "topic": "product", "place": "company:product", "weight": 1.5,
        "tags": ["kolegainsight", "laporan"],
        "en": {
            "title": "Kolega Insight: exporting the {report} to Excel fails",
            "body": "Exporting the {report} for a whole month times out. A week works. The "
                    "customer needs the full month for their audit.",
            "answers": [
                "Big exports run in the background now: use *Export > Send to my e-mail* "
                "instead of *Download*; the file arrives within a few minutes (up to 1 million "
                "rows). The direct download stops at 60 seconds.",
            ],
        },
        "id": {
            "title": "Kolega Insight: export {report} ke Excel gagal",
            "body": "Export {report} untuk satu bulan penuh selalu timeout. Kalau seminggu "
                    "berhasil. Pelanggan butuh satu bulan penuh untuk audit.",
            "answers": [
                "Export besar sekarang diproses di belakang: pakai *Export > Kirim ke email "
                "saya*, bukan *Download*; file masuk dalam beberapa menit (sampai 1 juta "
                "baris). Download langsung berhenti di 60 detik.",
            ],
        },
    },
    {
        "key": "kolegapay_refund", "topic": "product", "place": "company:product", "weight": 1.3,
        "tags": ["kolegapay", "refund"],
        "en": {
            "title": "How does a merchant refund a KolegaPay transaction?",
            "body": "A new merchant asks how to refund a customer who paid twice by QRIS. "
                    "Can they do it themselves?",
            "answers": [
                "Yes, in the merchant dashboard: *Transactions*, open the payment, *Refund*, "
                "full or partial, within 30 days. The money goes back to the customer's "
                "e-wallet or bank within 1-3 working days. Refunds above IDR 10 million need "
                "a second approver on the merchant's side.",
            ],
        },
        "id": {
            "title": "Bagaimana merchant melakukan refund transaksi KolegaPay?",
            "body": "Merchant baru bertanya cara refund ke pelanggan yang bayar QRIS dua kali. "
                    "Bisa dilakukan sendiri?",
            "answers": [
                "Bisa, lewat dashboard merchant: *Transaksi*, buka pembayaran, *Refund*, "
                "penuh atau sebagian, maksimal 30 hari. Dana kembali ke e-wallet atau bank "
                "pelanggan dalam 1-3 hari kerja. Refund di atas Rp 10 juta perlu approver "
                "kedua di sisi merchant.",
            ],
        },
    },
    {
        "key": "api_limit", "topic": "product", "place": "company:product", "weight": 1,
        "tags": ["api", "integrasi"],
        "en": {
            "title": "Customer integration hitting HTTP 429 on the orders API",
            "body": "{customer}'s ERP integration gets *429 Too Many Requests* from our "
                    "orders API during their nightly sync. What's the limit and can we raise "
                    "it?",
            "answers": [
                "The default is 600 requests per minute per API key. For nightly syncs they "
                "should use the bulk endpoint (`POST /v2/orders/batch`, 500 orders per call) "
                "and honour the `Retry-After` header. If they still need more, open a request "
                "with the expected volume and we can raise it for their key.",
            ],
        },
        "id": {
            "title": "Integrasi pelanggan kena HTTP 429 di API orders",
            "body": "Integrasi ERP {customer} dapat *429 Too Many Requests* dari API orders "
                    "waktu sinkron malam. Limitnya berapa dan bisa dinaikkan?",
            "answers": [
                "Default-nya 600 request per menit per API key. Untuk sinkron malam sebaiknya "
                "pakai endpoint bulk (`POST /v2/orders/batch`, 500 order per panggilan) dan "
                "ikuti header `Retry-After`. Kalau masih kurang, ajukan dengan estimasi volume, "
                "limit key mereka bisa kami naikkan.",
            ],
        },
    },
    {
        "key": "pos_printer", "topic": "product", "place": "company:product", "weight": 1,
        "tags": ["kolegapos", "printer"],
        "en": {
            "title": "Kolega POS won't connect to the Bluetooth receipt printer",
            "body": "A café using Kolega POS on {os} can't pair their receipt printer any "
                    "more. It worked until last week.",
            "answers": [
                "{os} changed the Bluetooth permission: in the phone settings give Kolega POS "
                "the *Nearby devices* permission, then pair the printer again from inside the "
                "app (*Settings > Printer*), not from the phone's Bluetooth menu.",
            ],
        },
        "id": {
            "title": "Kolega POS tidak bisa konek ke printer struk Bluetooth",
            "body": "Kafe pengguna Kolega POS di {os} tidak bisa pairing printer struk lagi. "
                    "Minggu lalu masih normal.",
            "answers": [
                "{os} mengubah izin Bluetooth: di pengaturan HP beri Kolega POS izin "
                "*Perangkat di sekitar*, lalu pairing ulang printer dari dalam aplikasi "
                "(*Pengaturan > Printer*), bukan dari menu Bluetooth HP.",
            ],
        },
    },
    {
        "key": "product_feedback", "topic": "product", "place": "company:product",
        "weight": 0.8, "kind": "discussion", "tags": ["feedback", "produk"],
        "en": {
            "title": "What are customers asking for most in {product} this quarter?",
            "body": "Collecting input for the next planning round. From your calls and tickets, "
                    "what do customers ask for most in {product}?",
            "replies": ["Bulk upload, every week. Merchants with many outlets hate doing it "
                        "one by one.", "WhatsApp notifications for payments.",
                        "A simpler monthly report they can send straight to their accountant."],
        },
        "id": {
            "title": "Fitur apa yang paling sering diminta pelanggan {product} kuartal ini?",
            "body": "Mengumpulkan masukan untuk planning berikutnya. Dari telepon dan tiket, "
                    "apa yang paling sering diminta pelanggan di {product}?",
            "replies": ["Upload massal, tiap minggu ada. Merchant dengan banyak outlet capek "
                        "input satu-satu.", "Notifikasi WhatsApp untuk pembayaran.",
                        "Laporan bulanan sederhana yang bisa langsung dikirim ke akuntan "
                        "mereka."],
        },
    },
    # -- HR & policies --------------------------------------------------------------------------
    {
        "key": "leave_carry", "topic": "hr", "place": "company:hr", "weight": 2.5,
        "months": [10, 11, 12, 1], "tags": ["cuti"],
        "en": {
            "title": "Can unused annual leave be carried over to next year?",
            "body": "I still have {leave_days} days of annual leave left. Do they expire at "
                    "the end of the year or can I carry them over?",
            "answers": [
                "You can carry over up to 5 days; they must be used by the end of March. "
                "Anything above 5 days expires on 31 December, unless your manager asked you "
                "to postpone leave for work, in which case send us the approval and we extend "
                "it. Your balance is in the HR portal under *Leave*.",
            ],
        },
        "id": {
            "title": "Sisa cuti tahunan bisa dibawa ke tahun depan?",
            "body": "Cuti tahunan saya masih sisa {leave_days} hari. Hangus di akhir tahun "
                    "atau bisa dibawa ke tahun depan?",
            "answers": [
                "Bisa dibawa maksimal 5 hari dan harus dipakai paling lambat akhir Maret. "
                "Kelebihannya hangus 31 Desember, kecuali atasan meminta kamu menunda cuti "
                "karena pekerjaan; kirim persetujuannya ke kami dan akan kami perpanjang. "
                "Saldo cuti ada di portal HR menu *Cuti*.",
            ],
        },
    },
    {
        "key": "leave_paternity", "topic": "hr", "place": "company:hr", "weight": 1.2,
        "metoo": False, "tags": ["cuti"],
        "en": {
            "title": "How much paternity leave do we get?",
            "body": "My wife is due next month 🎉 How many days of paternity leave can I take "
                    "and what do I need to submit?",
            "answers": [
                "Congratulations! You get 5 working days of paid paternity leave, to be taken "
                "within 30 days of the birth; apply in the HR portal under *Leave > "
                "Special leave* and upload the birth certificate afterwards. You can combine "
                "it with annual leave.",
            ],
        },
        "id": {
            "title": "Cuti ayah (paternity leave) berapa hari?",
            "body": "Istri saya HPL bulan depan 🎉 Cuti untuk suami berapa hari dan dokumen "
                    "apa yang perlu diserahkan?",
            "answers": [
                "Selamat ya! Cuti ayah 5 hari kerja dibayar penuh, diambil dalam 30 hari "
                "setelah kelahiran; ajukan di portal HR menu *Cuti > Cuti khusus* lalu unggah "
                "akta kelahiran setelahnya. Bisa digabung dengan cuti tahunan.",
            ],
        },
    },
    {
        "key": "sick_leave", "topic": "hr", "place": "company:hr", "weight": 1.5,
        "metoo": False, "tags": ["cuti", "sakit"],
        "en": {
            "title": "Do I need a doctor's letter for one day of sick leave?",
            "body": "I was sick yesterday and stayed home. Does HR need a doctor's letter for "
                    "a single day?",
            "answers": [
                "Not for one day: record it in the HR portal as sick leave and let your "
                "manager know. From two consecutive days we need a doctor's letter (*surat "
                "keterangan dokter*), uploaded in the same request. Get well soon!",
            ],
        },
        "id": {
            "title": "Izin sakit satu hari perlu surat dokter?",
            "body": "Kemarin saya sakit dan istirahat di rumah. Untuk satu hari apakah HR "
                    "perlu surat dokter?",
            "answers": [
                "Untuk satu hari tidak perlu: catat di portal HR sebagai izin sakit dan kabari "
                "atasan. Mulai dua hari berturut-turut wajib surat keterangan dokter, diunggah "
                "di pengajuan yang sama. Semoga lekas sembuh!",
            ],
        },
    },
    {
        "key": "bpjs_family", "topic": "hr", "place": "company:hr", "weight": 2,
        "metoo": False, "tags": ["bpjs"],
        "en": {
            "title": "Adding my newborn to BPJS Kesehatan",
            "body": "Our baby was born last week. How do I add her to my BPJS Kesehatan "
                    "through the company?",
            "answers": [
                "Congratulations! Send us the birth certificate and your updated family card "
                "(*Kartu Keluarga*) through the HR portal (*BPJS > Add family member*). We "
                "register her with BPJS within a week; up to 4 family members are covered "
                "by the company contribution. Meanwhile she's covered at the hospital with "
                "the birth certificate.",
            ],
        },
        "id": {
            "title": "Mendaftarkan bayi ke BPJS Kesehatan",
            "body": "Anak kami lahir minggu lalu. Bagaimana cara menambahkan dia ke BPJS "
                    "Kesehatan saya lewat kantor?",
            "answers": [
                "Selamat ya! Kirim akta kelahiran dan Kartu Keluarga yang sudah diperbarui "
                "lewat portal HR (*BPJS > Tambah anggota keluarga*). Kami daftarkan ke BPJS "
                "dalam seminggu; maksimal 4 anggota keluarga ditanggung iuran perusahaan. "
                "Sementara itu di rumah sakit cukup tunjukkan akta kelahiran.",
            ],
        },
    },
    {
        "key": "bpjs_jht", "topic": "hr", "place": "company:hr", "weight": 1.2,
        "tags": ["bpjs", "jht"],
        "en": {
            "title": "Where can I check my BPJS Ketenagakerjaan (JHT) balance?",
            "body": "I'd like to see how much is in my JHT. Is there an app, or do I ask HR?",
            "answers": [
                "Use the *JMO* app (Jamsostek Mobile): register with your NIK and the KPJ "
                "number on your BPJS Ketenagakerjaan card (also in the HR portal under "
                "*Profile > Insurance*). The balance updates monthly after payroll.",
            ],
        },
        "id": {
            "title": "Cek saldo JHT BPJS Ketenagakerjaan di mana?",
            "body": "Saya mau lihat saldo JHT. Ada aplikasinya atau harus tanya HR?",
            "answers": [
                "Pakai aplikasi *JMO* (Jamsostek Mobile): daftar dengan NIK dan nomor KPJ di "
                "kartu BPJS Ketenagakerjaan (juga ada di portal HR menu *Profil > Asuransi*). "
                "Saldo diperbarui tiap bulan setelah payroll.",
            ],
        },
    },
    {
        "key": "overtime", "topic": "hr", "place": "company:hr", "weight": 2,
        "tags": ["lembur"],
        "en": {
            "title": "How is weekend overtime paid?",
            "body": "Our team worked last Saturday for the {product} release. How is overtime "
                    "on a rest day calculated and when is it paid?",
            "answers": [
                "Overtime follows PP 35/2021: on a rest day (5-day week) the first 8 hours "
                "are paid at 2x the hourly wage, the 9th hour at 3x, from the 10th at 4x. "
                "The hourly wage is 1/173 of the monthly salary. Submit it in the HR portal "
                "with your manager's approval before the 20th and it's in this month's "
                "payroll. Managers from grade M1 up get time off instead.",
            ],
        },
        "id": {
            "title": "Perhitungan lembur di hari Sabtu bagaimana?",
            "body": "Tim kami kerja Sabtu kemarin untuk rilis {product}. Lembur di hari "
                    "istirahat dihitung bagaimana dan dibayar kapan?",
            "answers": [
                "Lembur mengikuti PP 35/2021: di hari istirahat (5 hari kerja) 8 jam pertama "
                "dibayar 2x upah sejam, jam ke-9 3x, jam ke-10 dan seterusnya 4x. Upah sejam "
                "= 1/173 gaji bulanan. Ajukan di portal HR dengan persetujuan atasan sebelum "
                "tanggal 20 agar masuk payroll bulan ini. Manajer mulai grade M1 mendapat "
                "cuti pengganti.",
            ],
        },
    },
    {
        "key": "reimburse", "topic": "hr", "place": "company:hr", "weight": 2.2,
        "tags": ["reimburse"],
        "en": {
            "title": "Reimbursement for {claim}: what's the limit?",
            "body": "Is there a yearly limit for {claim} reimbursement, and which receipts do "
                    "I need?",
            "answers": [
                "Limits are per grade and listed in the HR portal under *Benefits*; for "
                "{claim} you'll see what's left this year. Upload the original receipt (a "
                "clear photo is fine) plus, for medical claims, the doctor's prescription. "
                "Claims submitted by the 25th are paid with this month's salary.",
            ],
        },
        "id": {
            "title": "Reimburse {claim}: limitnya berapa?",
            "body": "Ada limit tahunan untuk reimburse {claim}? Kuitansi apa saja yang "
                    "dibutuhkan?",
            "answers": [
                "Limit tergantung grade, lihat di portal HR menu *Benefit*; untuk {claim} "
                "terlihat sisa tahun ini. Unggah kuitansi asli (foto yang jelas cukup) dan "
                "untuk klaim kesehatan sertakan resep dokter. Klaim yang masuk sebelum tanggal "
                "25 dibayar bersama gaji bulan ini.",
            ],
        },
    },
    {
        "key": "appraisal_edit", "topic": "hr", "place": "company:hr", "weight": 4,
        "months": [11, 12], "tags": ["penilaiankinerja"],
        "en": {
            "title": "Can I edit my self-assessment after submitting?",
            "body": "I submitted my self-assessment for the {year} review too early and "
                    "forgot two projects. Can I still change it?",
            "answers": [
                "Yes, until your manager opens it: ask them to *Return to employee* in the "
                "portal (or we can do it), edit, and submit again. After the calibration "
                "session it's locked, so do it before {date}.",
            ],
        },
        "id": {
            "title": "Self-assessment yang sudah di-submit bisa diedit?",
            "body": "Self-assessment penilaian kinerja {year} saya submit terlalu cepat dan "
                    "lupa dua proyek. Masih bisa diubah?",
            "answers": [
                "Bisa, selama atasan belum membukanya: minta atasan klik *Kembalikan ke "
                "karyawan* di portal (atau kami yang bantu), edit, lalu submit ulang. Setelah "
                "sesi kalibrasi sudah terkunci, jadi lakukan sebelum {date}.",
            ],
        },
    },
    {
        "key": "appraisal_rating", "topic": "hr", "place": "company:hr", "weight": 2.5,
        "months": [11, 12, 1], "tags": ["penilaiankinerja"],
        "en": {
            "title": "How do the appraisal ratings affect the salary increase?",
            "body": "Is there a fixed table from rating to salary increase, or does each "
                    "manager decide?",
            "answers": [
                "There's a merit matrix: the increase depends on your rating and where your "
                "salary sits in the band for your grade (lower in the band, bigger increase). "
                "Managers propose within the matrix, HR checks consistency across teams. "
                "The letters go out in March with the new salary.",
            ],
        },
        "id": {
            "title": "Hubungan rating penilaian kinerja dengan kenaikan gaji?",
            "body": "Apakah ada tabel baku dari rating ke persentase kenaikan gaji, atau "
                    "masing-masing manajer yang menentukan?",
            "answers": [
                "Ada merit matrix: kenaikan tergantung rating dan posisi gaji kamu di rentang "
                "grade (makin rendah posisinya, makin besar kenaikannya). Manajer mengusulkan "
                "dalam matrix itu, HR memastikan konsisten antar tim. Surat kenaikan keluar "
                "bulan Maret bersama gaji baru.",
            ],
        },
    },
    {
        "key": "thr", "topic": "hr", "place": "company:hr", "weight": 4, "season": "ramadan",
        "tags": ["thr"],
        "en": {
            "title": "When is THR paid this year?",
            "body": "Is there a date for the THR yet? Also, do people who joined less than a "
                    "year ago get it?",
            "answers": [
                "THR is paid at the latest 7 days before Idul Fitri, this year with the "
                "salary on the 20th. Everyone with at least one month of service gets it: a "
                "full month's salary after 12 months, pro rata before that.",
            ],
        },
        "id": {
            "title": "THR tahun ini cair kapan?",
            "body": "Sudah ada tanggal pembayaran THR? Karyawan yang masa kerjanya belum "
                    "setahun dapat juga?",
            "answers": [
                "THR dibayar paling lambat 7 hari sebelum Idul Fitri, tahun ini bersama gaji "
                "tanggal 20. Semua karyawan dengan masa kerja minimal satu bulan dapat: satu "
                "bulan gaji penuh setelah 12 bulan, proporsional kalau belum.",
            ],
        },
    },
    {
        "key": "travel_allowance", "topic": "hr", "place": "company:hr", "weight": 1.5,
        "metoo": False, "tags": ["perjalanandinas"],
        "en": {
            "title": "Daily allowance for a business trip to {city}",
            "body": "I'm going to {city} for three days to visit a customer. How much is the "
                    "daily allowance, and do I book the hotel myself?",
            "answers": [
                "Book flights and hotel through the travel desk (portal > *Business travel*), "
                "they're paid directly. The daily allowance covers meals and local transport "
                "and depends on your grade and the city; it's paid in advance if you submit "
                "the trip 3 working days before you leave.",
            ],
        },
        "id": {
            "title": "Uang harian perjalanan dinas ke {city}",
            "body": "Saya akan ke {city} tiga hari untuk kunjungan pelanggan. Uang harian "
                    "berapa, dan hotel pesan sendiri atau tidak?",
            "answers": [
                "Tiket dan hotel dipesan lewat travel desk (portal > *Perjalanan dinas*), "
                "dibayar langsung oleh kantor. Uang harian untuk makan dan transport lokal, "
                "besarnya tergantung grade dan kota; dibayar di muka kalau pengajuan masuk 3 "
                "hari kerja sebelum berangkat.",
            ],
        },
    },
    {
        "key": "wfh_policy", "topic": "hr", "place": "company:hr", "weight": 1.2,
        "kind": "discussion", "tags": ["wfh", "hybrid"],
        "en": {
            "title": "Hybrid work: how do your teams pick office days?",
            "body": "The policy says two office days a week, chosen by the team. How do you "
                    "pick them, fixed days or rotating?",
            "replies": ["Fixed Tuesday and Thursday for us, it makes planning meetings easy.",
                        "We rotate, otherwise the meeting rooms are full on the same days.",
                        "Whatever works, as long as the whole team is in on the same day."],
        },
        "id": {
            "title": "Kerja hybrid: bagaimana tim kalian memilih hari ke kantor?",
            "body": "Kebijakannya dua hari ke kantor per minggu, dipilih per tim. Tim kalian "
                    "pakai hari tetap atau bergiliran?",
            "replies": ["Kami tetap Selasa dan Kamis, jadi gampang atur meeting.",
                        "Kami bergiliran, kalau tidak ruang meeting penuh di hari yang sama.",
                        "Apa saja boleh, asal satu tim datang di hari yang sama."],
        },
    },
    {
        "key": "payslip_tax", "topic": "hr", "place": "company:hr", "weight": 1.5,
        "tags": ["pph21", "gaji"],
        "en": {
            "title": "Why is PPh 21 on my payslip higher this month?",
            "body": "The PPh 21 deduction on this month's payslip is much higher than usual, "
                    "but my salary didn't change.",
            "answers": [
                "Since 2024 PPh 21 uses the monthly TER rates, and in a month with extra "
                "income (bonus, overtime, THR) the rate bracket goes up for that month. It "
                "evens out in December, when the tax is recalculated over the whole year. "
                "Your form 1721-A1 in January shows the yearly total.",
            ],
        },
        "id": {
            "title": "Kenapa potongan PPh 21 di slip gaji bulan ini lebih besar?",
            "body": "Potongan PPh 21 di slip gaji bulan ini jauh lebih besar dari biasanya, "
                    "padahal gaji saya tidak berubah.",
            "answers": [
                "Sejak 2024 PPh 21 pakai tarif efektif rata-rata (TER) bulanan; di bulan "
                "dengan penghasilan tambahan (bonus, lembur, THR) lapisan tarifnya naik untuk "
                "bulan itu. Di bulan Desember dihitung ulang setahun penuh sehingga seimbang. "
                "Bukti potong 1721-A1 di bulan Januari menunjukkan total setahun.",
            ],
        },
    },
    # -- Finance procedures ---------------------------------------------------------------------
    {
        "key": "closing_cutoff", "topic": "finance", "place": "company:finance", "weight": 2,
        "month_end": 4, "tags": ["closing", "tutupbuku"],
        "en": {
            "title": "What's the cut-off for {closing_month} invoices and accruals?",
            "body": "We have vendor invoices for {closing_month} still coming in. Until when "
                    "can they be booked in {closing_month}, and what if they arrive later?",
            "answers": [
                "Invoices received by day 2 of the new month at noon are booked in "
                "{closing_month}. Anything later: send us an accrual request (amount, vendor, "
                "PO, cost centre) by day 3 so the cost still lands in {closing_month}; the "
                "invoice is booked against the accrual when it arrives.",
            ],
        },
        "id": {
            "title": "Cut-off invoice dan accrual {closing_month} kapan?",
            "body": "Masih ada invoice vendor untuk {closing_month} yang belum masuk. Sampai "
                    "kapan bisa dibukukan di {closing_month}, dan kalau datang terlambat "
                    "bagaimana?",
            "answers": [
                "Invoice yang diterima sampai tanggal 2 bulan berikutnya jam 12.00 dibukukan di "
                "{closing_month}. Lewat dari itu: kirim permintaan accrual (nilai, vendor, PO, "
                "cost center) paling lambat tanggal 3 supaya biayanya tetap masuk "
                "{closing_month}; invoice dibukukan terhadap accrual saat datang.",
            ],
        },
    },
    {
        "key": "invoice_status", "topic": "finance", "place": "company:finance", "weight": 2.5,
        "tags": ["invoice", "vendor"],
        "en": {
            "title": "Payment status of {vendor} invoice {invoice_no}?",
            "body": "{vendor} says invoice {invoice_no} is overdue. The goods were received "
                    "last month. How can I check where it is?",
            "answers": [
                "It's approved and scheduled for Thursday's payment run. You can check any "
                "invoice yourself in SAP with `FBL1N` (vendor line items) or ask the AP inbox. "
                "Payment terms are 30 days after we receive a *complete* invoice: with tax "
                "invoice and goods receipt.",
                "It was on hold: the tax invoice (faktur pajak) was missing. I've asked "
                "{vendor} for it; once it's in, it goes into the next payment run.",
            ],
        },
        "id": {
            "title": "Status pembayaran invoice {vendor} {invoice_no}?",
            "body": "{vendor} bilang invoice {invoice_no} sudah jatuh tempo. Barang sudah "
                    "diterima bulan lalu. Bagaimana cara cek posisinya?",
            "answers": [
                "Sudah disetujui dan dijadwalkan di payment run hari Kamis. Status invoice "
                "bisa dicek sendiri di SAP lewat `FBL1N` (vendor line items) atau tanya inbox "
                "AP. Termin pembayaran 30 hari sejak invoice *lengkap* kami terima: dengan "
                "faktur pajak dan goods receipt.",
                "Invoice-nya tertahan karena faktur pajak belum ada. Sudah saya minta ke "
                "{vendor}; begitu masuk, ikut payment run berikutnya.",
            ],
        },
    },
    {
        "key": "ppn_faktur", "topic": "finance", "place": "company:finance", "weight": 2,
        "tags": ["pajak", "ppn"],
        "en": {
            "title": "Do we need a faktur pajak for every purchase?",
            "body": "A small vendor says they are not a PKP and can't issue a faktur pajak. "
                    "Can we still pay them?",
            "answers": [
                "Yes: a non-PKP vendor doesn't charge PPN, so there's no faktur pajak; the "
                "invoice total simply has no VAT. Ask for their NPWP (or NIK) for our PPh "
                "withholding, and note *non-PKP* on the payment request. From PKP vendors we "
                "always need the e-Faktur, otherwise we lose the input VAT.",
            ],
        },
        "id": {
            "title": "Apakah setiap pembelian wajib ada faktur pajak?",
            "body": "Vendor kecil bilang mereka bukan PKP dan tidak bisa menerbitkan faktur "
                    "pajak. Masih bisa kita bayar?",
            "answers": [
                "Bisa: vendor non-PKP tidak memungut PPN, jadi memang tidak ada faktur pajak; "
                "total invoice-nya tanpa PPN. Minta NPWP (atau NIK) mereka untuk pemotongan PPh, "
                "dan tulis *non-PKP* di permintaan pembayaran. Dari vendor PKP kita selalu butuh "
                "e-Faktur, kalau tidak pajak masukannya tidak bisa dikreditkan.",
            ],
        },
    },
    {
        "key": "ppn_rate", "topic": "finance", "place": "company:finance", "weight": 1.2,
        "tags": ["pajak", "ppn"],
        "en": {
            "title": "Which PPN rate goes on our quotations now?",
            "body": "I'm preparing a quotation for {customer}. With the change to 12% I'm not "
                    "sure what to put on it.",
            "answers": [
                "For our services the effective PPN stays at 11%: the 12% rate is applied to "
                "a tax base of 11/12 of the price, so the amount is the same. On quotations "
                "write *harga belum termasuk PPN* and show PPN as 11% of the price. The "
                "e-Faktur is issued by Finance with the invoice.",
            ],
        },
        "id": {
            "title": "Tarif PPN yang dicantumkan di penawaran sekarang berapa?",
            "body": "Saya sedang menyiapkan penawaran untuk {customer}. Dengan perubahan ke "
                    "12% saya bingung harus mencantumkan apa.",
            "answers": [
                "Untuk jasa kita, PPN efektifnya tetap 11%: tarif 12% dikenakan atas DPP "
                "11/12 dari harga, jadi nilainya sama. Di penawaran tulis *harga belum "
                "termasuk PPN* dan cantumkan PPN 11% dari harga. e-Faktur diterbitkan Finance "
                "bersama invoice.",
            ],
        },
    },
    {
        "key": "pph23", "topic": "finance", "place": "company:finance", "weight": 1.2,
        "tags": ["pajak", "pph23"],
        "en": {
            "title": "Do we withhold PPh 23 on the {vendor} service invoice?",
            "body": "{vendor} invoiced us for maintenance services. Do I pay the full amount "
                    "or do we withhold something?",
            "answers": [
                "Yes, services like maintenance carry 2% PPh 23 on the amount before PPN. We "
                "pay the invoice minus the 2% and send the vendor the withholding slip "
                "(bukti potong) from the e-Bupot system. Just flag it as a service on the "
                "payment request; AP does the rest.",
            ],
        },
        "id": {
            "title": "Invoice jasa {vendor}: dipotong PPh 23 atau tidak?",
            "body": "{vendor} menagih jasa maintenance. Dibayar penuh atau ada yang "
                    "dipotong?",
            "answers": [
                "Ya, jasa seperti maintenance kena PPh 23 sebesar 2% dari nilai sebelum PPN. "
                "Kita bayar invoice dikurangi 2% dan vendor mendapat bukti potong dari "
                "e-Bupot. Cukup tandai sebagai jasa di permintaan pembayaran; sisanya diurus "
                "AP.",
            ],
        },
    },
    {
        "key": "petty_cash", "topic": "finance", "place": "company:finance", "weight": 1.8,
        "tags": ["pettycash"],
        "en": {
            "title": "How do I top up the petty cash for {office}?",
            "body": "The petty cash at {office} is almost empty. What's the procedure to "
                    "replenish it?",
            "answers": [
                "Submit a replenishment in the portal (*Finance > Petty cash*) with the "
                "receipts since the last top-up and the cash count sheet, signed by the "
                "custodian. Finance transfers the spent amount to bring it back to the "
                "float; requests in by Wednesday are paid on Friday. Single expenses above "
                "IDR 1 million don't belong in petty cash.",
            ],
        },
        "id": {
            "title": "Cara isi ulang kas kecil (petty cash) di {office}?",
            "body": "Kas kecil di {office} hampir habis. Prosedur pengisian ulangnya "
                    "bagaimana?",
            "answers": [
                "Ajukan pengisian di portal (*Finance > Kas kecil*) dengan kuitansi sejak "
                "pengisian terakhir dan berita acara hitung kas, ditandatangani pemegang kas. "
                "Finance mentransfer sejumlah yang terpakai agar kembali ke saldo awal; "
                "pengajuan sampai Rabu dibayar Jumat. Pengeluaran di atas Rp 1 juta tidak "
                "boleh lewat kas kecil.",
            ],
        },
    },
    {
        "key": "expense_stuck", "topic": "finance", "place": "company:finance", "weight": 2.2,
        "tags": ["reimburse", "expenseclaim"],
        "en": {
            "title": "Expense claim stuck in *Waiting for approval* for two weeks",
            "body": "My expense claim from the trip to {city} has been waiting for approval "
                    "for two weeks. My manager says they approved it.",
            "answers": [
                "Your manager approved it, but claims above IDR 5 million also need the "
                "budget owner of the cost centre, and that's where it waits. I've sent them a "
                "reminder. You can see the whole approval chain under *My claims > History*.",
            ],
        },
        "id": {
            "title": "Klaim reimburse tertahan di *Menunggu persetujuan* dua minggu",
            "body": "Klaim perjalanan dinas saya ke {city} sudah dua minggu menunggu "
                    "persetujuan. Atasan bilang sudah approve.",
            "answers": [
                "Atasan sudah approve, tapi klaim di atas Rp 5 juta perlu persetujuan pemilik "
                "budget cost center juga, dan di situ tertahannya. Sudah saya kirim pengingat. "
                "Rantai persetujuannya bisa dilihat di *Klaim saya > Riwayat*.",
            ],
        },
    },
    {
        "key": "cost_center", "topic": "finance", "place": "company:finance", "weight": 1.5,
        "tags": ["costcenter", "sap"],
        "en": {
            "title": "Which cost centre do I use for a cross-team event?",
            "body": "We're organising a workshop with people from three departments. Which "
                    "cost centre should the catering go to? Is {cost_center} right?",
            "answers": [
                "Charge it to the organising team's cost centre ({cost_center} if that's "
                "yours) and, if the others agreed to share, note the split in the request; we "
                "reallocate at month end. Don't split one invoice across cost centres "
                "yourself, it blocks the posting.",
            ],
        },
        "id": {
            "title": "Cost center untuk acara lintas tim pakai yang mana?",
            "body": "Kami mengadakan workshop dengan peserta dari tiga departemen. Biaya "
                    "katering masuk cost center mana? {cost_center} sudah benar?",
            "answers": [
                "Bebankan ke cost center tim penyelenggara ({cost_center} kalau itu milik "
                "kalian); kalau tim lain sepakat berbagi, tulis pembagiannya di pengajuan, "
                "kami realokasi di akhir bulan. Jangan memecah satu invoice ke beberapa cost "
                "center sendiri, posting-nya akan terblokir.",
            ],
        },
    },
    {
        "key": "advance", "topic": "finance", "place": "company:finance", "weight": 1.5,
        "metoo": False, "tags": ["uangmuka"],
        "en": {
            "title": "Cash advance for an event: how long do I have to settle it?",
            "body": "I took a cash advance of {amount} for our event in {city}. How long do "
                    "I have to settle it, and what if there's money left?",
            "answers": [
                "Settle within 14 days after the event with all receipts (portal > *Advance "
                "settlement*). Money left over is transferred back to the company account in "
                "the form; if you spent more, the difference is reimbursed. Open advances "
                "older than 30 days block new ones.",
            ],
        },
        "id": {
            "title": "Uang muka acara: batas waktu pertanggungjawabannya kapan?",
            "body": "Saya ambil uang muka {amount} untuk acara di {city}. Berapa lama batas "
                    "pertanggungjawabannya, dan kalau ada sisa bagaimana?",
            "answers": [
                "Pertanggungjawaban paling lambat 14 hari setelah acara dengan semua kuitansi "
                "(portal > *Pertanggungjawaban uang muka*). Sisa dana ditransfer kembali ke "
                "rekening perusahaan yang tertera di formulir; kalau lebih, selisihnya "
                "diganti. Uang muka yang terbuka lebih dari 30 hari memblokir pengajuan baru.",
            ],
        },
    },
    {
        "key": "corporate_card", "topic": "finance", "place": "company:finance", "weight": 1,
        "month_end": 2, "metoo": False, "tags": ["kartukredit"],
        "en": {
            "title": "Corporate card: a charge I don't recognise on the statement",
            "body": "My {closing_month} corporate card statement shows a charge from a "
                    "merchant I don't know. What do I do?",
            "answers": [
                "Call the bank's 24-hour number on the back of the card now to block it and "
                "dispute the charge, then tell us the dispute number. In the statement "
                "reconciliation, mark the line *Disputed*; you won't be asked to justify it.",
            ],
        },
        "id": {
            "title": "Kartu kredit korporat: ada transaksi yang tidak saya kenal",
            "body": "Tagihan kartu kredit korporat {closing_month} saya ada transaksi dari "
                    "merchant yang tidak saya kenal. Harus bagaimana?",
            "answers": [
                "Segera telepon nomor 24 jam bank di balik kartu untuk blokir dan ajukan "
                "sanggahan, lalu kabari kami nomor sanggahannya. Di rekonsiliasi tagihan, "
                "tandai baris itu *Disanggah*; kamu tidak perlu mempertanggungjawabkannya.",
            ],
        },
    },
    {
        "key": "paperless", "topic": "finance", "place": "company:finance", "weight": 0.7,
        "kind": "discussion", "tags": ["reimburse", "paperless"],
        "en": {
            "title": "Can we stop printing receipts for expense claims?",
            "body": "We photograph receipts for the portal and still hand in the paper. Is "
                    "the paper really needed? Finance colleagues, what would it take?",
            "replies": ["The paper is only needed for tax invoices, the rest could go.",
                        "Yes please, I keep losing the little thermal receipts anyway 😅",
                        "Audit needs to agree first, but a photo with the date should do."],
        },
        "id": {
            "title": "Bisa tidak berhenti menyerahkan kuitansi kertas untuk reimburse?",
            "body": "Kuitansi sudah difoto untuk portal, tapi kertasnya masih diserahkan. "
                    "Apakah kertasnya benar-benar perlu? Teman-teman Finance, apa syaratnya?",
            "replies": ["Kertas hanya wajib untuk faktur pajak, sisanya bisa digital.",
                        "Setuju, struk thermal kecil itu sering hilang duluan 😅",
                        "Perlu persetujuan audit dulu, tapi foto dengan tanggal jelas harusnya "
                        "cukup."],
        },
    },
    # -- Office & facilities -------------------------------------------------------------------
    {
        "key": "room_booking", "topic": "office", "place": "company:office", "weight": 1.5,
        "tags": ["ruangmeeting"],
        "en": {
            "title": "{room} is always booked but empty",
            "body": "{room} shows booked all week, but every time I pass it's empty. Can "
                    "unused bookings be released?",
            "answers": [
                "Bookings are released automatically if nobody checks in on the room tablet "
                "within 15 minutes; that was switched off by mistake for {room}. It's on "
                "again. Recurring bookings with no check-in for three weeks are cancelled.",
            ],
        },
        "id": {
            "title": "{room} selalu dibooking tapi kosong",
            "body": "{room} terlihat penuh dibooking seminggu, tapi tiap saya lewat kosong. "
                    "Bisa booking yang tidak dipakai dilepas?",
            "answers": [
                "Booking otomatis dilepas kalau tidak ada check-in di tablet ruangan dalam 15 "
                "menit; fitur itu tidak sengaja mati untuk {room}. Sekarang sudah aktif lagi. "
                "Booking berulang yang tiga minggu tidak pernah check-in akan dibatalkan.",
            ],
        },
    },
    {
        "key": "parking", "topic": "office", "place": "company:office", "weight": 1.2,
        "tags": ["parkir"],
        "en": {
            "title": "Monthly parking at {office}",
            "body": "Is there still monthly parking for employees at {office}? For a car, "
                    "and what does it cost?",
            "answers": [
                "Yes, through the building management; the company pays half. Register in "
                "the portal (*Facilities > Parking*); there's a waiting list for cars at the "
                "moment, motorbikes are available right away.",
            ],
        },
        "id": {
            "title": "Parkir bulanan di kantor {office}",
            "body": "Masih ada parkir bulanan untuk karyawan di {office}? Untuk mobil, "
                    "biayanya berapa?",
            "answers": [
                "Masih, lewat pengelola gedung dan kantor menanggung setengahnya. Daftar di "
                "portal (*Fasilitas > Parkir*); untuk mobil sedang ada daftar tunggu, motor "
                "bisa langsung.",
            ],
        },
    },
    {
        "key": "access_card", "topic": "office", "place": "company:office", "weight": 1.2,
        "metoo": False, "tags": ["kartuakses"],
        "en": {
            "title": "Lost my access card, what now?",
            "body": "I think I lost my access card on the way home. How do I get a new one, "
                    "and is there a fee?",
            "answers": [
                "Report it at reception or in the portal right away so the card is blocked. "
                "You get a temporary card the same day; the replacement takes three working "
                "days. The first replacement is free, after that IDR 50,000.",
            ],
        },
        "id": {
            "title": "Kartu akses hilang, harus bagaimana?",
            "body": "Sepertinya kartu akses saya hilang di jalan pulang. Cara dapat yang baru "
                    "bagaimana, ada biayanya?",
            "answers": [
                "Segera lapor ke resepsionis atau di portal supaya kartunya diblokir. Kartu "
                "sementara bisa diambil hari itu juga; kartu pengganti jadi dalam tiga hari "
                "kerja. Penggantian pertama gratis, berikutnya Rp 50.000.",
            ],
        },
    },
    {
        "key": "ac_cold", "topic": "office", "place": "company:office", "weight": 0.8,
        "tags": ["gedung"],
        "en": {
            "title": "The AC on floor {floor} is freezing",
            "body": "It's 19°C on floor {floor} every afternoon, half the team works in "
                    "jackets. Who can adjust it?",
            "answers": [
                "The building sets it per zone; I've asked them to raise floor {floor} to "
                "24°C. If it's still cold tomorrow, log it in the portal under *Facilities > "
                "Building* so they see it's recurring.",
            ],
        },
        "id": {
            "title": "AC di lantai {floor} dingin sekali",
            "body": "Tiap sore suhu di lantai {floor} 19°C, setengah tim kerja pakai jaket. "
                    "Siapa yang bisa mengatur?",
            "answers": [
                "Suhu diatur pengelola gedung per zona; sudah saya minta lantai {floor} "
                "dinaikkan ke 24°C. Kalau besok masih dingin, laporkan di portal menu "
                "*Fasilitas > Gedung* supaya tercatat berulang.",
            ],
        },
    },
    # -- General --------------------------------------------------------------------------------
    {
        "key": "lomba_17", "topic": "general", "place": "company:general", "weight": 4,
        "kind": "discussion", "season": "independence", "tags": ["17agustus"],
        "en": {
            "title": "Ideas for the 17 August games this year?",
            "body": "We're planning the office games for Independence Day. Beyond *balap "
                    "karung* and *makan kerupuk*, what would you like to see?",
            "replies": ["Tarik tambang between departments! Finance vs Sales 😄",
                        "A photo contest of the best red-and-white outfit.",
                        "Panjat pinang is maybe too much, but a mini version with prizes?"],
        },
        "id": {
            "title": "Ide lomba 17 Agustus tahun ini?",
            "body": "Kami sedang menyiapkan lomba kantor untuk HUT RI. Selain balap karung dan "
                    "makan kerupuk, kalian mau lomba apa?",
            "replies": ["Tarik tambang antar departemen! Finance lawan Sales 😄",
                        "Lomba foto kostum merah putih terbaik.",
                        "Panjat pinang mungkin berlebihan, tapi versi mini dengan hadiah?"],
        },
    },
    {
        "key": "outing", "topic": "general", "place": "company:general", "weight": 1.2,
        "kind": "discussion", "tags": ["outing"],
        "en": {
            "title": "Team outing ideas near {city} for about 15 people?",
            "body": "Our team has budget for a one-day outing near {city}. Something more "
                    "than lunch, not too sporty. Ideas?",
            "replies": ["A batik class followed by lunch, everyone takes something home.",
                        "Cooking class! We did one last year and still talk about it.",
                        "A short hike with a nice warung at the end works for all levels."],
        },
        "id": {
            "title": "Ide outing tim dekat {city} untuk sekitar 15 orang?",
            "body": "Tim kami ada budget outing sehari dekat {city}. Yang lebih dari sekadar "
                    "makan siang, tapi tidak terlalu olahraga. Ada ide?",
            "replies": ["Kelas membatik lalu makan siang, semua pulang bawa hasil karya.",
                        "Kelas masak! Tahun lalu kami coba dan masih dibahas sampai sekarang.",
                        "Hiking ringan yang ujungnya warung enak, cocok untuk semua."],
        },
    },
    {
        "key": "commute", "topic": "general", "place": "company:general", "weight": 1,
        "kind": "discussion", "tags": ["transportasi"],
        "en": {
            "title": "How do you commute to {office}?",
            "body": "Traffic is getting worse. MRT, KRL, motorbike, carpool? What works best "
                    "for you?",
            "replies": ["MRT plus a 10-minute walk. Predictable, that's what matters.",
                        "Motorbike, but only because there's no train near me.",
                        "We started a carpool group from Bekasi, ask me if you want in."],
        },
        "id": {
            "title": "Kalian ke kantor {office} naik apa?",
            "body": "Macet makin parah. MRT, KRL, motor, nebeng? Yang paling enak menurut "
                    "kalian apa?",
            "replies": ["MRT lalu jalan kaki 10 menit. Yang penting bisa diprediksi.",
                        "Motor, soalnya dekat rumah tidak ada stasiun.",
                        "Kami ada grup nebeng dari Bekasi, kabari saya kalau mau ikut."],
        },
    },
    {
        "key": "learn_bahasa", "topic": "general", "place": "company:general", "weight": 0.8,
        "tags": ["bahasa"],
        "en": {
            "title": "Best way to learn Bahasa Indonesia as a Singapore colleague?",
            "body": "I'd like to follow the Indonesian threads here without a translator. "
                    "Any course or app you'd recommend?",
            "answers": [
                "The Bahasa & Budaya community runs a free beginners' class on Zoom every "
                "Wednesday at 5 pm. Combined with reading the forum every day, it works; "
                "the forum is full of real office Bahasa.",
            ],
        },
        "id": {
            "title": "Rekomendasi belajar Bahasa Indonesia untuk rekan dari Singapura?",
            "body": "Teman-teman dari kantor Singapura ingin belajar Bahasa Indonesia. Ada "
                    "kursus atau aplikasi yang kalian rekomendasikan?",
            "answers": [
                "Komunitas Bahasa & Budaya punya kelas pemula gratis lewat Zoom tiap Rabu jam "
                "17.00. Ditambah membaca forum ini setiap hari, cukup efektif karena isinya "
                "bahasa kantor sehari-hari.",
            ],
        },
    },
    {
        "key": "bukber", "topic": "general", "place": "company:general", "weight": 4,
        "kind": "discussion", "season": "ramadan", "tags": ["bukber", "ramadan"],
        "en": {
            "title": "Buka bersama venue for the whole floor?",
            "body": "We'd like to organise buka bersama for the whole floor, about 40 people. "
                    "Places near {office} that take group bookings?",
            "replies": ["Book early, most places are full two weeks before.",
                        "The hotel next door has a takjil buffet, good for big groups.",
                        "Or order catering to the office, easier for people who go home far."],
        },
        "id": {
            "title": "Tempat bukber untuk satu lantai?",
            "body": "Kami mau bukber satu lantai, sekitar 40 orang. Ada tempat dekat {office} "
                    "yang terima reservasi rombongan?",
            "replies": ["Pesan dari sekarang, biasanya dua minggu sebelumnya sudah penuh.",
                        "Hotel sebelah ada buffet takjil, cocok untuk rombongan besar.",
                        "Atau pesan katering ke kantor, lebih praktis untuk yang rumahnya jauh."],
        },
    },
    {
        "key": "year_end_party", "topic": "general", "place": "company:general", "weight": 3,
        "kind": "discussion", "months": [11, 12], "tags": ["akhirtahun"],
        "en": {
            "title": "Year-end party: theme suggestions?",
            "body": "The committee is collecting theme ideas for the year-end party. Last "
                    "year was *Retro 90s*. What should it be this time?",
            "replies": ["Nusantara night: everyone in traditional clothes from their region.",
                        "Casino night (no real money 😄)", "Anything with a live band, please."],
        },
        "id": {
            "title": "Pesta akhir tahun: usul tema?",
            "body": "Panitia sedang mengumpulkan ide tema pesta akhir tahun. Tahun lalu "
                    "*Retro 90-an*. Tahun ini sebaiknya apa?",
            "replies": ["Malam Nusantara: semua pakai baju adat daerah masing-masing.",
                        "Casino night (tanpa uang sungguhan 😄)",
                        "Apa pun asal ada live band."],
        },
    },
    # -- Department communities -----------------------------------------------------------------
    {
        "key": "eng_migrations", "topic": "engineering", "place": "dept:Engineering:0",
        "weight": 1.5, "tags": ["postgresql", "database"],
        "en": {
            "title": "Zero-downtime migration for a column rename on a big table?",
            "body": "We need to rename a column on the transactions table (200M rows) of "
                    "{product}. What's our usual approach without downtime?",
            "answers": [
                "Expand and contract, in three releases:\n\n1. Add the new column, write to "
                "both\n2. Backfill in batches (`UPDATE ... WHERE id BETWEEN ...`, 10k rows, "
                "with a pause) and switch reads\n3. Drop the old column once nothing reads "
                "it\n\nNever `ALTER TABLE ... RENAME` directly: old pods still running during "
                "the deploy will break.",
            ],
        },
        "id": {
            "title": "Migrasi rename kolom tabel besar tanpa downtime?",
            "body": "Kami perlu rename kolom di tabel transactions (200 juta baris) {product}. "
                    "Pendekatan standar kita supaya tanpa downtime bagaimana?",
            "answers": [
                "Expand and contract, tiga rilis:\n\n1. Tambah kolom baru, tulis ke "
                "keduanya\n2. Backfill bertahap (`UPDATE ... WHERE id BETWEEN ...`, 10 ribu "
                "baris, dengan jeda) lalu pindahkan pembacaan\n3. Hapus kolom lama setelah "
                "tidak ada yang membaca\n\nJangan langsung `ALTER TABLE ... RENAME`: pod lama "
                "yang masih jalan saat deploy akan error.",
            ],
        },
    },
    {
        "key": "eng_review", "topic": "engineering", "place": "dept:Engineering:0",
        "weight": 1, "kind": "discussion", "tags": ["codereview"],
        "en": {
            "title": "Should we require two approvals on every merge request?",
            "body": "Some teams ask for two approvals, others one. Reviews are becoming the "
                    "bottleneck. What do we think?",
            "replies": ["Two for payments code, one elsewhere. Risk-based.",
                        "Smaller merge requests would help more than fewer reviewers.",
                        "One approval plus CI green is enough for most changes."],
        },
        "id": {
            "title": "Perlu dua approval untuk setiap merge request?",
            "body": "Sebagian tim pakai dua approval, sebagian satu. Review mulai jadi "
                    "bottleneck. Bagaimana menurut kalian?",
            "replies": ["Dua untuk kode payments, satu untuk yang lain. Berbasis risiko.",
                        "Merge request yang lebih kecil lebih membantu daripada mengurangi "
                        "reviewer.", "Satu approval plus CI hijau cukup untuk kebanyakan "
                        "perubahan."],
        },
    },
    {
        "key": "eng_oncall", "topic": "engineering", "place": "dept:Engineering:1",
        "weight": 1.2, "tags": ["oncall"],
        "en": {
            "title": "Alert fatigue: which {product} alerts can we drop?",
            "body": "Last on-call week I got 140 pages, most of them self-resolving. Which "
                    "alerts can we safely turn into tickets?",
            "answers": [
                "Page only on symptoms users feel (error rate, latency, payments failing), "
                "everything else becomes a ticket. I went through last month: 9 alerts cause "
                "80% of pages and none of them needed action at night. Proposal in the doc, "
                "please comment by Friday.",
            ],
        },
        "id": {
            "title": "Alert terlalu banyak: alert {product} mana yang bisa dimatikan?",
            "body": "Minggu on-call kemarin saya dapat 140 page, kebanyakan pulih sendiri. "
                    "Alert mana yang aman dijadikan tiket saja?",
            "answers": [
                "Page hanya untuk gejala yang dirasakan pengguna (error rate, latency, "
                "pembayaran gagal), sisanya jadi tiket. Saya sudah telusuri bulan lalu: 9 "
                "alert menyebabkan 80% page dan tidak satu pun perlu tindakan malam hari. "
                "Usulannya ada di dokumen, mohon komentar sebelum Jumat.",
            ],
        },
    },
    {
        "key": "fin_posting_period", "topic": "finance", "place": "dept:Finance:0",
        "weight": 1.5, "month_end": 4, "tags": ["sap", "closing"],
        "en": {
            "title": "Posting period {closing_month} closed in SAP?",
            "body": "Trying to post a correction in {sap_tcode} and SAP says the period is "
                    "closed. Is {closing_month} locked already?",
            "answers": [
                "{closing_month} is closed for everyone except the GL team since day 4. Send "
                "me the correction with the supporting document and I'll post it; if it's "
                "small, book it in the current month with a reference to {closing_month}.",
            ],
        },
        "id": {
            "title": "Periode posting {closing_month} di SAP sudah ditutup?",
            "body": "Mau posting koreksi lewat {sap_tcode} tapi SAP bilang periodenya sudah "
                    "tutup. {closing_month} sudah dikunci?",
            "answers": [
                "{closing_month} sudah ditutup untuk semua kecuali tim GL sejak tanggal 4. "
                "Kirim koreksinya dengan dokumen pendukung ke saya, nanti saya posting; kalau "
                "nilainya kecil, bukukan di bulan berjalan dengan referensi ke "
                "{closing_month}.",
            ],
        },
    },
    {
        "key": "fin_efaktur", "topic": "finance", "place": "dept:Finance:1", "weight": 1.2,
        "tags": ["pajak", "efaktur"],
        "en": {
            "title": "Replacing an e-Faktur with a wrong NPWP",
            "body": "We issued an e-Faktur to {customer} with an old NPWP. Replacement "
                    "(pengganti) or cancellation?",
            "answers": [
                "A replacement faktur (code 011) if the transaction stands and only the data "
                "is wrong; cancellation only if the sale didn't happen. Do it before the SPT "
                "Masa PPN for that month is filed, otherwise we need a correction of the SPT "
                "as well.",
            ],
        },
        "id": {
            "title": "Faktur pengganti untuk e-Faktur dengan NPWP salah",
            "body": "Kita menerbitkan e-Faktur ke {customer} dengan NPWP lama. Pakai faktur "
                    "pengganti atau pembatalan?",
            "answers": [
                "Faktur pengganti (kode 011) kalau transaksinya tetap dan hanya datanya yang "
                "salah; pembatalan hanya kalau penjualannya batal. Lakukan sebelum SPT Masa "
                "PPN bulan itu dilaporkan, kalau sudah, SPT-nya harus dibetulkan juga.",
            ],
        },
    },
    {
        "key": "hr_payroll_cutoff", "topic": "hr", "place": "dept:Human Resources:0",
        "weight": 1.2, "tags": ["payroll"],
        "en": {
            "title": "Payroll cut-off for new joiners starting on the 25th?",
            "body": "Two people join my team on the 25th. Will they be in this month's "
                    "payroll or next month's?",
            "answers": [
                "Payroll closes on the 20th; anyone starting after that is paid pro rata with "
                "next month's salary. Make sure their bank details are in the system before "
                "the 20th of next month.",
            ],
        },
        "id": {
            "title": "Cut-off payroll untuk karyawan baru yang mulai tanggal 25?",
            "body": "Dua orang bergabung di tim saya tanggal 25. Gaji mereka masuk payroll "
                    "bulan ini atau bulan depan?",
            "answers": [
                "Payroll ditutup tanggal 20; yang mulai setelah itu dibayar proporsional "
                "bersama gaji bulan depan. Pastikan data rekening mereka sudah masuk sistem "
                "sebelum tanggal 20 bulan depan.",
            ],
        },
    },
    {
        "key": "sales_discount", "topic": "sales", "place": "dept:Sales:0", "weight": 1.5,
        "tags": ["pricing", "diskon"],
        "en": {
            "title": "Who approves a 20% discount for {customer}?",
            "body": "{customer} wants a 20% discount on a three-year {product} deal. What's "
                    "the approval path?",
            "answers": [
                "Up to 10% the sales manager, up to 20% the sales director, above that the "
                "CFO too. Put it in the deal desk form with the margin calculation; for "
                "multi-year deals ask for a price lock instead of a bigger discount, it "
                "usually lands better.",
            ],
        },
        "id": {
            "title": "Siapa yang approve diskon 20% untuk {customer}?",
            "body": "{customer} minta diskon 20% untuk kontrak {product} tiga tahun. Alur "
                    "approval-nya bagaimana?",
            "answers": [
                "Sampai 10% sales manager, sampai 20% sales director, di atas itu perlu CFO "
                "juga. Masukkan ke form deal desk dengan perhitungan margin; untuk kontrak "
                "multi-tahun tawarkan penguncian harga daripada diskon lebih besar, biasanya "
                "lebih diterima.",
            ],
        },
    },
    {
        "key": "sales_crm", "topic": "sales", "place": "dept:Sales:1", "weight": 1,
        "tags": ["crm", "salesforce"],
        "en": {
            "title": "Which pipeline stage for a signed LOI?",
            "body": "{customer} signed a letter of intent but not the contract. Do I move the "
                    "opportunity to *Commit* or keep it in *Negotiation*?",
            "answers": [
                "Keep it in *Negotiation* with 75% and attach the LOI. *Commit* means the "
                "contract is with their legal for signature; forecast calls only count "
                "Commit and Closed Won.",
            ],
        },
        "id": {
            "title": "Tahap pipeline untuk LOI yang sudah ditandatangani?",
            "body": "{customer} sudah tanda tangan LOI tapi belum kontrak. Opportunity-nya "
                    "pindah ke *Commit* atau tetap di *Negotiation*?",
            "answers": [
                "Tetap di *Negotiation* dengan 75% dan lampirkan LOI-nya. *Commit* artinya "
                "kontrak sudah di legal mereka untuk ditandatangani; forecast hanya menghitung "
                "Commit dan Closed Won.",
            ],
        },
    },
    {
        "key": "ops_stock_opname", "topic": "operations", "place": "dept:Operations:0",
        "weight": 1.2, "month_end": 2, "tags": ["stockopname", "gudang"],
        "en": {
            "title": "Stock count at {warehouse}: can we do it without stopping shipments?",
            "body": "The quarterly stock count at {warehouse} usually stops outbound for a "
                    "day. Has anyone done a rolling count instead?",
            "answers": [
                "We switched to cycle counting in Sidoarjo: A items weekly, B monthly, C "
                "quarterly, counted in the quiet hours. Outbound never stops, and the "
                "accuracy went up because the teams count smaller areas more carefully.",
            ],
        },
        "id": {
            "title": "Stock opname di {warehouse} tanpa menghentikan pengiriman?",
            "body": "Stock opname kuartalan di {warehouse} biasanya menghentikan pengiriman "
                    "sehari. Ada yang sudah coba hitung bergilir?",
            "answers": [
                "Di Sidoarjo kami sudah pindah ke cycle count: barang A mingguan, B bulanan, C "
                "kuartalan, dihitung di jam sepi. Pengiriman tidak pernah berhenti dan "
                "akurasinya malah naik karena area yang dihitung lebih kecil.",
            ],
        },
    },
    {
        "key": "ops_forklift", "topic": "operations", "place": "dept:Operations:1",
        "weight": 1, "tags": ["k3", "forklift"],
        "en": {
            "title": "Forklift licence (SIO) renewal for our operators",
            "body": "Three operators at {warehouse} have SIO licences expiring next month. "
                    "Who arranges the renewal?",
            "answers": [
                "HSE books the Kemnaker-certified training; send the names and expiry dates "
                "to the HSE inbox this week, the next batch is in three weeks. Operators with "
                "an expired SIO must not drive, not even for a day.",
            ],
        },
        "id": {
            "title": "Perpanjangan SIO forklift untuk operator",
            "body": "Tiga operator di {warehouse} SIO-nya habis bulan depan. Siapa yang "
                    "mengurus perpanjangannya?",
            "answers": [
                "HSE yang mendaftarkan pelatihan bersertifikat Kemnaker; kirim nama dan tanggal "
                "habis berlakunya ke inbox HSE minggu ini, batch berikutnya tiga minggu lagi. "
                "Operator dengan SIO kedaluwarsa tidak boleh mengemudi, sehari pun.",
            ],
        },
    },
    {
        "key": "mkt_utm", "topic": "marketing", "place": "dept:Marketing:0", "weight": 1,
        "tags": ["utm", "campaign"],
        "en": {
            "title": "UTM naming for the {product} campaign?",
            "body": "Which UTM convention do we use? I see `utm_campaign` written five "
                    "different ways in the dashboard.",
            "answers": [
                "Lower case, hyphens, `<product>-<objective>-<yyyymm>`, e.g. "
                "`kolegapay-acquisition-202511`. Source is the platform, medium the channel "
                "type (`cpc`, `social`, `email`). The UTM builder sheet in the Marketing drive "
                "does it for you.",
            ],
        },
        "id": {
            "title": "Penamaan UTM untuk campaign {product}?",
            "body": "Konvensi UTM kita yang mana? Di dashboard `utm_campaign` ditulis dengan "
                    "lima cara berbeda.",
            "answers": [
                "Huruf kecil, tanda hubung, `<produk>-<tujuan>-<yyyymm>`, misalnya "
                "`kolegapay-acquisition-202511`. Source adalah platformnya, medium jenis "
                "kanal (`cpc`, `social`, `email`). Sheet UTM builder di drive Marketing bisa "
                "membuatkannya.",
            ],
        },
    },
    {
        "key": "cs_escalation", "topic": "product", "place": "dept:Customer Service:0",
        "weight": 1.2, "tags": ["eskalasi"],
        "en": {
            "title": "Escalating a refund complaint from {customer}",
            "body": "{customer} has complained three times about a refund that never arrived. "
                    "Who takes it from here?",
            "answers": [
                "Third contact means a priority case: assign it to the Complaints queue with "
                "the transaction ID and call the customer back today to say who owns it. "
                "Payments engineering checks the refund status within four working hours.",
            ],
        },
        "id": {
            "title": "Eskalasi keluhan refund dari {customer}",
            "body": "{customer} sudah tiga kali komplain soal refund yang tidak pernah masuk. "
                    "Selanjutnya ditangani siapa?",
            "answers": [
                "Kontak ketiga berarti kasus prioritas: pindahkan ke antrean Complaints "
                "dengan ID transaksi dan telepon balik pelanggan hari ini untuk menyampaikan "
                "siapa yang menangani. Tim payments mengecek status refund dalam empat jam "
                "kerja.",
            ],
        },
    },
    {
        "key": "itsupport_runbook", "topic": "it", "place": "dept:IT Support:0", "weight": 1,
        "tags": ["runbook", "vpn"],
        "en": {
            "title": "Runbook for VPN certificate renewal?",
            "body": "The VPN gateway certificate expires next month. Do we have a runbook "
                    "from last year's renewal?",
            "answers": [
                "Yes, in the IT wiki under *Runbooks > VPN certificate*. Key point: push the "
                "new CA to laptops a week before switching the gateway, or everyone working "
                "from home gets locked out at once.",
            ],
        },
        "id": {
            "title": "Runbook perpanjangan sertifikat VPN?",
            "body": "Sertifikat gateway VPN habis bulan depan. Ada runbook dari perpanjangan "
                    "tahun lalu?",
            "answers": [
                "Ada, di wiki IT bagian *Runbooks > Sertifikat VPN*. Poin penting: kirim CA "
                "baru ke laptop seminggu sebelum gateway diganti, kalau tidak semua yang WFH "
                "terkunci bersamaan.",
            ],
        },
    },
    {
        "key": "proc_vendor", "topic": "finance", "place": "dept:Procurement:0", "weight": 1,
        "tags": ["vendor", "procurement"],
        "en": {
            "title": "Documents needed to register a new vendor",
            "body": "We want to work with a new catering vendor. Which documents do they need "
                    "to send for registration?",
            "answers": [
                "NIB, NPWP, PKP certificate if they're PKP, company deed, bank account "
                "letter and the signed code of conduct. Registration takes about a week; "
                "POs can only be raised once the vendor is active in SAP.",
            ],
        },
        "id": {
            "title": "Dokumen untuk registrasi vendor baru",
            "body": "Kami mau kerja sama dengan vendor katering baru. Dokumen apa saja yang "
                    "harus mereka kirim untuk registrasi?",
            "answers": [
                "NIB, NPWP, SPPKP kalau mereka PKP, akta perusahaan, surat keterangan rekening "
                "dan pakta integritas yang ditandatangani. Registrasi sekitar seminggu; PO "
                "baru bisa dibuat setelah vendor aktif di SAP.",
            ],
        },
    },
    {
        "key": "legal_nda", "topic": "general", "place": "dept:Legal:0", "weight": 0.8,
        "tags": ["nda", "kontrak"],
        "en": {
            "title": "Can I sign {customer}'s NDA template myself?",
            "body": "{customer} sent their own NDA before a demo. Can I sign it, or does "
                    "Legal need to review it?",
            "answers": [
                "Mutual NDAs on our standard template you can sign if you're a manager. "
                "Their template needs a quick review: send it to the Legal inbox, we turn "
                "NDAs around in one working day.",
            ],
        },
        "id": {
            "title": "Boleh tanda tangan NDA dari {customer} sendiri?",
            "body": "{customer} mengirim NDA versi mereka sebelum demo. Boleh saya tanda "
                    "tangani, atau harus direview Legal?",
            "answers": [
                "NDA timbal balik dengan template kita boleh ditandatangani manajer. Template "
                "mereka perlu review singkat: kirim ke inbox Legal, NDA kami selesaikan dalam "
                "satu hari kerja.",
            ],
        },
    },
    # -- Private and secret communities ---------------------------------------------------------
    {
        "key": "mgr_underperformer", "topic": "managers", "place": "community:managers-forum:1",
        "weight": 1.5, "metoo": False, "tags": ["kinerja", "feedback"],
        "en": {
            "title": "How do you start a performance improvement plan conversation?",
            "body": "One of my team has missed targets for three months despite coaching. "
                    "HR suggested a PIP. How do you open that conversation without it "
                    "sounding like the end?",
            "answers": [
                "Be clear that it's a plan to succeed: three concrete goals, weekly check-ins "
                "and the support you'll give. Say out loud that the aim is to close the PIP "
                "successfully. Send the written version the same day, and talk to your HR BP "
                "before, not after.",
            ],
        },
        "id": {
            "title": "Bagaimana memulai percakapan PIP dengan anggota tim?",
            "body": "Salah satu anggota tim saya tiga bulan tidak mencapai target meski sudah "
                    "di-coaching. HR menyarankan PIP. Bagaimana memulainya supaya tidak "
                    "terdengar seperti akhir segalanya?",
            "answers": [
                "Tegaskan bahwa ini rencana untuk berhasil: tiga target konkret, check-in "
                "mingguan dan dukungan yang akan kamu berikan. Sampaikan terang-terangan bahwa "
                "tujuannya menutup PIP dengan sukses. Kirim versi tertulisnya di hari yang "
                "sama, dan bicara dengan HR BP sebelumnya, bukan sesudahnya.",
            ],
        },
    },
    {
        "key": "mgr_hiring", "topic": "managers", "place": "community:managers-forum:0",
        "weight": 1.2, "kind": "discussion", "tags": ["hiring", "onboarding"],
        "en": {
            "title": "What does your first week look like for new joiners?",
            "body": "I'd like to improve onboarding in my team. What do you do in the first "
                    "week that made a difference?",
            "replies": ["A buddy from another team, not the manager. Questions come easier.",
                        "A small real task shipped by Friday. Nothing builds confidence faster.",
                        "Lunch with the team on day one, laptop ready before they arrive."],
        },
        "id": {
            "title": "Minggu pertama karyawan baru di tim kalian seperti apa?",
            "body": "Saya ingin memperbaiki onboarding di tim. Apa yang kalian lakukan di minggu "
                    "pertama yang terasa membantu?",
            "replies": ["Buddy dari tim lain, bukan atasan. Lebih gampang bertanya.",
                        "Satu tugas kecil yang nyata selesai di hari Jumat. Cepat membangun "
                        "percaya diri.", "Makan siang bareng tim di hari pertama, laptop sudah "
                        "siap sebelum datang."],
        },
    },
    {
        "key": "mgr_promotion", "topic": "managers", "place": "community:managers-forum:1",
        "weight": 1, "months": [11, 12, 1, 2], "metoo": False, "tags": ["promosi"],
        "en": {
            "title": "Promotion nominations: what evidence does the committee want?",
            "body": "First time nominating someone for promotion. What does the committee "
                    "look at, and how much should I write?",
            "answers": [
                "Two pages at most: impact at the next level (with examples from the last 6-12 "
                "months), feedback from two peers outside your team, and how the role will be "
                "backfilled. The committee reads dozens; concrete beats long.",
            ],
        },
        "id": {
            "title": "Nominasi promosi: bukti apa yang dicari komite?",
            "body": "Pertama kali saya menominasikan anggota tim untuk promosi. Apa yang dilihat "
                    "komite, dan perlu menulis sepanjang apa?",
            "answers": [
                "Maksimal dua halaman: dampak di level berikutnya (contoh dari 6-12 bulan "
                "terakhir), masukan dari dua rekan di luar tim, dan rencana pengganti "
                "perannya. Komite membaca puluhan nominasi; yang konkret lebih baik daripada "
                "yang panjang.",
            ],
        },
    },
    {
        "key": "hrbp_policy", "topic": "hr", "place": "community:hr-business-partners:1",
        "weight": 1.2, "kind": "discussion", "tags": ["kebijakan", "lembur"],
        "en": {
            "title": "Overtime policy draft: time off in lieu for managers?",
            "body": "Draft v2 gives managers time off in lieu instead of overtime pay. Any "
                    "concerns before it goes to the directors?",
            "replies": ["We should cap it, otherwise people bank weeks of leave.",
                        "Fine for M1 and up, but supervisors are below the threshold in the "
                        "regulation.", "Add an expiry: used within three months."],
        },
        "id": {
            "title": "Draf kebijakan lembur: cuti pengganti untuk manajer?",
            "body": "Draf v2 memberi manajer cuti pengganti alih-alih uang lembur. Ada catatan "
                    "sebelum dibawa ke direksi?",
            "replies": ["Perlu batas maksimal, kalau tidak orang menumpuk cuti berminggu-minggu.",
                        "Oke untuk M1 ke atas, tapi supervisor masih di bawah ambang di "
                        "regulasi.", "Tambahkan masa berlaku: dipakai dalam tiga bulan."],
        },
    },
    {
        "key": "hrbp_case", "topic": "hr", "place": "community:hr-business-partners:0",
        "weight": 1, "metoo": False, "tags": ["kasus"],
        "en": {
            "title": "Repeated lateness case in {dept}: warning letter or not yet?",
            "body": "Case A.S. in {dept}: late 9 times this month, two verbal warnings "
                    "already. Is SP1 appropriate now?",
            "answers": [
                "Yes, after two documented verbal warnings SP1 is proportionate. Check "
                "first that there's no health or family reason behind it; if there is, "
                "agree adjusted hours instead and document that.",
            ],
        },
        "id": {
            "title": "Kasus keterlambatan berulang di {dept}: sudah waktunya SP1?",
            "body": "Kasus A.S. di {dept}: terlambat 9 kali bulan ini, sudah dua kali teguran "
                    "lisan. Apakah SP1 sudah tepat?",
            "answers": [
                "Ya, setelah dua teguran lisan yang terdokumentasi SP1 sudah proporsional. "
                "Pastikan dulu tidak ada alasan kesehatan atau keluarga; kalau ada, sepakati "
                "jam kerja yang disesuaikan dan dokumentasikan.",
            ],
        },
    },
    {
        "key": "lead_budget", "topic": "general", "place": "community:leadership-team:0",
        "weight": 0.8, "kind": "discussion", "tags": ["budget", "strategi"],
        "en": {
            "title": "Budget {next_year}: where do we cut 5% if revenue is flat?",
            "body": "Scenario planning for {next_year}. If revenue stays flat, each "
                    "department needs a 5% cut. First thoughts before Friday's session?",
            "replies": ["Travel and events first; we did fine with online kick-offs.",
                        "Hiring freeze on backfills only, not on the roles we already "
                        "approved.", "Let's not cut training, it's what keeps people here."],
        },
        "id": {
            "title": "Anggaran {next_year}: di mana memangkas 5% kalau pendapatan stagnan?",
            "body": "Perencanaan skenario {next_year}. Kalau pendapatan tidak tumbuh, tiap "
                    "departemen perlu memangkas 5%. Pemikiran awal sebelum sesi Jumat?",
            "replies": ["Perjalanan dinas dan acara dulu; kick-off online kemarin berjalan "
                        "baik.", "Pembekuan rekrutmen hanya untuk pengganti, bukan posisi yang "
                        "sudah disetujui.", "Jangan potong training, itu yang membuat orang "
                        "bertahan."],
        },
    },
    # -- Interest communities -------------------------------------------------------------------
    {
        "key": "tech_talk_proposal", "topic": "engineering", "place": "community:tech-talks:0",
        "weight": 0.8, "kind": "discussion", "tags": ["techtalk"],
        "en": {
            "title": "Talk idea: what we learned running {product} on Kubernetes",
            "body": "Would people come to a 30-minute talk on our Kubernetes setup, including "
                    "the outages? Non-engineers welcome, I'd keep it simple.",
            "replies": ["Yes! Especially the outage stories.", "Count me in, and record it "
                        "for the Singapore team please.", "Could you explain what a pod is "
                        "for us non-engineers? 😄"],
        },
        "id": {
            "title": "Ide talk: pelajaran menjalankan {product} di Kubernetes",
            "body": "Ada yang tertarik datang ke talk 30 menit soal setup Kubernetes kita, "
                    "termasuk cerita gangguannya? Yang bukan engineer juga boleh, akan saya "
                    "buat sederhana.",
            "replies": ["Mau! Apalagi cerita gangguannya.", "Ikut, tolong direkam untuk tim "
                        "Singapura juga.", "Boleh jelaskan pod itu apa untuk kami yang bukan "
                        "engineer? 😄"],
        },
    },
    {
        "key": "running_route", "topic": "general", "place": "community:running-club-jakarta:0",
        "weight": 0.8, "tags": ["lari"],
        "en": {
            "title": "Safe morning running route near {office}?",
            "body": "I'd like to run before work. Any route near {office} that's safe and not "
                    "too polluted at 6 am?",
            "answers": [
                "GBK's outer ring is the best bet: 2.5 km a lap, lit, and busy with runners "
                "from 5 am. Our group runs there on Saturdays at 6, join us!",
            ],
        },
        "id": {
            "title": "Rute lari pagi yang aman dekat {office}?",
            "body": "Saya mau lari sebelum kerja. Ada rute dekat {office} yang aman dan "
                    "tidak terlalu berpolusi jam 6 pagi?",
            "answers": [
                "Ring luar GBK paling aman: 2,5 km per putaran, terang, dan ramai pelari "
                "dari jam 5. Grup kita lari di sana tiap Sabtu jam 6, ikut yuk!",
            ],
        },
    },
    {
        "key": "parents_daycare", "topic": "general", "place": "community:parents-kolega:0",
        "weight": 0.8, "tags": ["daycare"],
        "en": {
            "title": "Daycare near {office}: any experiences?",
            "body": "We're looking for a daycare near {office} for our 1-year-old. Which ones "
                    "do you use and are they happy there?",
            "answers": [
                "We use the one in the next building, the company has a partnership with a "
                "10% discount (details in the HR portal). Visit at pick-up time, you'll see "
                "how the kids look at the end of the day.",
            ],
        },
        "id": {
            "title": "Daycare dekat {office}: ada pengalaman?",
            "body": "Kami mencari daycare dekat {office} untuk anak usia 1 tahun. Kalian pakai "
                    "yang mana dan anaknya betah?",
            "answers": [
                "Kami pakai yang di gedung sebelah, kantor punya kerja sama diskon 10% "
                "(detailnya di portal HR). Coba datang saat jam jemput, kelihatan kondisi "
                "anak-anak di akhir hari.",
            ],
        },
    },
    {
        "key": "kuliner_rec", "topic": "general", "place": "community:kuliner-nusantara:0",
        "weight": 0.8, "kind": "discussion", "tags": ["kuliner"],
        "en": {
            "title": "Best {dish} within walking distance of the {office} office?",
            "body": "Settle it once and for all: where's the best {dish} you can walk to "
                    "from the {office} office?",
            "replies": ["{restaurant}, no contest.", "The cart behind the mosque on Fridays.",
                        "Overrated everywhere, I make it at home 😄"],
        },
        "id": {
            "title": "{dish} terenak yang bisa dijangkau jalan kaki dari kantor {office}?",
            "body": "Ayo kita putuskan: {dish} terenak yang bisa dicapai jalan kaki dari "
                    "kantor {office} di mana?",
            "replies": ["{restaurant}, tidak ada lawan.", "Gerobak di belakang masjid tiap "
                        "Jumat.", "Semua overrated, saya bikin sendiri di rumah 😄"],
        },
    },
]  # fmt: skip

# The read-me-first thread of the IT help desk, pinned by the site's moderator.
PINNED = {
    "topic": "it", "place": "company:it", "tags": ["ithelpdesk"], "kind": "discussion",
    "generic": False,
    "en": {
        "title": "Read first: how to get IT help fast",
        "body": "Before you post:\n\n1. Search the forum, most questions were answered "
                "already\n2. Say which laptop, which office and what you tried\n3. Add a "
                "screenshot of the error\n\nUrgent (can't work at all)? Call ext. 1234. "
                "Everything else: here or a ticket in the IT portal.",
        "replies": ["Thanks, the search tip alone saved me a ticket.",
                    "Could we add the IT status page link here?"],
    },
    "id": {
        "title": "Baca dulu: cara cepat dapat bantuan IT",
        "body": "Sebelum posting:\n\n1. Cari di forum, kebanyakan pertanyaan sudah pernah "
                "dijawab\n2. Sebutkan laptop, kantor, dan apa yang sudah dicoba\n3. Lampirkan "
                "screenshot error-nya\n\nMendesak (tidak bisa kerja sama sekali)? Telepon "
                "ext. 1234. Selain itu: di sini atau tiket di portal IT.",
        "replies": ["Terima kasih, tips pencarian saja sudah menghemat satu tiket.",
                    "Bisa ditambahkan link halaman status IT di sini?"],
    },
}  # fmt: skip
# The asker closes a discussion.
WRAP_UP = {
    "id": ["Terima kasih masukannya semua! Saya rangkum dan bawa ke meeting minggu depan 🙏",
           "Banyak ide bagus, terima kasih. Nanti saya kabari keputusannya di sini.",
           "Oke, kelihatannya mayoritas setuju. Kita coba dulu ya."],
    "en": ["Thanks everyone! I'll summarise this for next week's meeting 🙏",
           "Lots of good ideas, thank you. I'll post the decision here.",
           "Looks like most of us agree. Let's give it a try."],
}  # fmt: skip
