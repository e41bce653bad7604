# ruff: noqa: E501 - an article's Markdown keeps each paragraph and list item on one line.
"""The demo blogs' articles: the company blog (Internal Communications), personal blogs and a
few community blogs, in Indonesian and English.

An article: which ``blog`` ("company", "personal" or "community:<slug>"), who may write it
(``authors``: "communicators" | "ceo" | "analyst" | "expert:<forum topic>" (the forum's
experts on it, then its departments) | "dept:<A>|<B>" | "office:<name>" (someone there who
writes in English) | "interest:<name>" | "members" (of the community)), its language
(``lang``), ``title``, ``tags``, Markdown ``body`` (headings make the table of contents), an
optional ``excerpt``, and how it is dated: ``monthly`` (the first working day of every month,
a series; ``repeat``: so many times, each with another ``fill``), ``status`` "draft" or "scheduled" (not published yet), ``engagement`` (comments and
reactions, 1 by default). ``{slots}`` are filled as in the forum (``forums.demo.text``), plus
``VALUES`` here, an article's own ``fill`` and the coming month; a literal brace is doubled.
"""

COMMENTS = {
    "id": ["Terima kasih sudah menulis ini, sangat membantu 🙏", "Mantap, langsung saya "
           "bagikan ke tim.", "Bagian kedua paling relevan buat kami.", "Setuju sekali. "
           "Ditunggu tulisan berikutnya!", "Boleh minta contoh template-nya?",
           "Baru tahu soal ini. Terima kasih {author_first}!", "Tulisan yang jelas dan "
           "praktis 👍", "Ini perlu jadi bacaan wajib untuk karyawan baru."],
    "en": ["Thanks for writing this up, really useful 🙏", "Sharing this with my team.",
           "The second part is spot on for us.", "Great read, looking forward to the next "
           "one!", "Could you share the template?", "Didn't know this, thanks "
           "{author_first}!", "Clear and practical 👍", "This should be required reading for "
           "new joiners."],
}  # fmt: skip
AUTHOR_REPLIES = {
    "id": ["Terima kasih sudah membaca! 🙏", "Sama-sama, semoga bermanfaat.",
           "Boleh, nanti saya kirim lewat DM ya.", "Siap, tulisan berikutnya sedang disiapkan 😄"],
    "en": ["Thanks for reading! 🙏", "Glad it helps.", "Sure, I'll DM it to you.",
           "Working on the next one 😄"],
}  # fmt: skip
REACTIONS = {"like": 45, "insightful": 25, "celebrate": 12, "support": 12, "funny": 6}

ARTICLES = [
    # -- the company blog ----------------------------------------------------------------------
    {
        "key": "newsletter", "blog": "company", "authors": "communicators", "lang": "id",
        "monthly": True, "engagement": 1.5, "tags": ["kabarkolega"],
        "title": "Kabar Kolega: edisi {month} {year}",
        "excerpt": "Rangkuman bulan ini: kabar dari setiap kantor, karyawan baru, jadwal "
                   "penting dan satu cerita dari lapangan.",
        "body": """Halo Kolega! Ini rangkuman singkat untuk bulan {month}.

## Kabar dari kantor

- **Jakarta HQ**: ruang meeting lantai 9 selesai direnovasi, sekarang ada dua ruang kecil untuk panggilan video.
- **Surabaya**: tim gudang Sidoarjo mencatat 120 hari tanpa kecelakaan kerja. Luar biasa!
- **Singapore**: welcome to our new colleagues in Sales and Engineering.

## Jadwal penting

1. Batas pengajuan reimburse: tanggal 25.
2. Townhall {quarter}: Kamis minggu ketiga, jam 15.00, ruang serbaguna dan Zoom.
3. Donor darah bersama PMI di lobi, minggu kedua.

## Cerita dari lapangan

Tim {product} membantu {customer} pindah dari pencatatan manual ke sistem kita dalam tiga minggu. Kuncinya: pelatihan singkat setiap pagi untuk kasir, bukan satu pelatihan panjang.

Punya cerita untuk edisi berikutnya? Kirim ke tim Internal Communications.""",
    },
    {
        "key": "townhall", "blog": "company", "authors": "communicators", "lang": "en",
        "engagement": 1.6, "tags": ["townhall"],
        "title": "Townhall {quarter}: what we heard and what happens next",
        "body": """Thank you to everyone who joined the townhall, in the room and online. Here is what was said and the answers to the questions we ran out of time for.

## The numbers

Revenue is on plan and customer complaints are down for the third quarter in a row. {product} grew fastest; operating costs grew slower than revenue.

## Your questions

### Will the hybrid policy change?

No. Two office days a week, chosen by each team, stays.

### When is the salary review?

Letters go out in March, as every year.

### Are we hiring?

Yes, mostly in Engineering and Customer Service. Referrals are very welcome.

## What happens next

- Department heads share their plans for next quarter in their communities.
- The recording is in the Townhall folder.
- Questions still open? Ask them in the forum under *General*.""",
    },
    {
        "key": "hybrid_policy", "blog": "company", "authors": "communicators", "lang": "id",
        "engagement": 2, "tags": ["wfh", "hybrid", "kebijakan"],
        "title": "Kerja hybrid: yang berubah dan yang tetap",
        "excerpt": "Dua hari di kantor per minggu tetap berlaku. Yang baru: hari inti per tim "
                   "dan aturan ruang meeting.",
        "body": """Setelah survei bulan lalu (terima kasih untuk 1.200 jawaban!), kebijakan kerja hybrid kita diperbarui.

## Yang tetap

- Dua hari kerja di kantor per minggu.
- Tim memilih sendiri hari ke kantor.
- Tunjangan internet WFH tetap dibayarkan bersama gaji.

## Yang berubah

1. **Hari inti**: setiap tim menetapkan satu hari di mana semua anggota datang. Catat di portal HR.
2. **Ruang meeting**: booking otomatis dilepas kalau tidak check-in dalam 15 menit.
3. **Meja bersama**: lantai 8 dan 12 memakai sistem hot desk, loker tersedia.

## Pertanyaan?

Tanyakan di forum kategori *HR & policies* atau ke HR business partner masing-masing.""",
    },
    {
        "key": "meet_team", "blog": "company", "authors": "communicators", "lang": "en",
        "engagement": 1.3, "tags": ["meettheteam"], "repeat": 2,
        "title": "Meet the team: {dept_spotlight}",
        "body": """Every month we visit one team and ask them what they do, what they're proud of and what the rest of us should know.

## Who they are

{dept_spotlight} has people in several offices. Most of them joined in the last three years; a few have been here since the very beginning.

## What they're proud of

- Cutting their response time in half this year
- Training two new colleagues who now train others
- Keeping their sense of humour during the month-end rush

## What they'd like you to know

> Ask us early. A question on Monday saves a fire drill on Friday.

## How to reach them

Their community is open to everyone, and they answer in the forum too.""",
        "fill": {"dept_spotlight": ["Finance", "Operations", "Customer Service",
                                    "Human Resources", "Marketing"]},
    },
    {
        "key": "k3_month", "blog": "company", "authors": "communicators", "lang": "id",
        "tags": ["k3", "safety"],
        "title": "Bulan K3: lima kebiasaan aman di kantor dan gudang",
        "body": """Keselamatan kerja bukan hanya urusan gudang. Lima kebiasaan kecil ini berlaku untuk semua.

## Di kantor

1. Jangan menumpuk kabel di bawah meja; laporkan stopkontak yang longgar.
2. Kenali jalur evakuasi dan titik kumpul di lantai kamu.

## Di gudang

3. Selalu pakai APD: helm, rompi, sepatu safety.
4. Forklift hanya dikemudikan operator dengan SIO yang masih berlaku.

## Di jalan

5. Tidak ada telepon saat menyetir, termasuk untuk urusan kantor. Tidak ada yang segenting itu.

Terima kasih untuk tim HSE yang sudah menyiapkan materi safety walk bulan ini.""",
    },
    {
        "key": "forum_howto", "blog": "company", "authors": "communicators", "lang": "en",
        "tags": ["forum", "tips"],
        "title": "How to ask a question that gets answered",
        "body": """The forum now answers most questions within the hour. A few habits make yours one of them.

## Before you ask

- **Search first.** Someone probably asked last month.
- **Pick the right category.** IT, HR, Finance and Products have people watching them.

## When you ask

- Say what you tried and what happened, with the exact error.
- One question per thread.
- Add a topic (vpn, cuti, pajak...) so the experts find it.

## After you get an answer

Accept the answer that solved it. It tells the next person where to look, and it tells the person who helped that it worked.""",
    },
    {
        "key": "mentoring", "blog": "company", "authors": "communicators", "lang": "id",
        "tags": ["mentoring", "belajar"],
        "title": "Program mentoring lintas departemen dibuka",
        "body": """Tahun lalu 40 pasang mentor dan mentee ikut program ini. Hasilnya: 90% ingin ikut lagi.

## Bagaimana cara kerjanya

- Enam bulan, satu jam setiap dua minggu.
- Mentor dari departemen berbeda, supaya kamu melihat perusahaan dari sisi lain.
- Topik bebas: karier, keterampilan, atau sekadar bertukar pikiran.

## Cara daftar

1. Isi formulir di portal HR menu *Learning*.
2. Tulis dua hal yang ingin kamu pelajari.
3. Tim L&D akan memasangkan kamu dalam dua minggu.

Pendaftaran ditutup akhir bulan ini.""",
    },
    {
        "key": "newsletter_next", "blog": "company", "authors": "communicators", "lang": "id",
        "status": "scheduled", "tags": ["kabarkolega"],
        "title": "Kabar Kolega: edisi {next_month} {next_month_year}",
        "body": """Halo Kolega! Rangkuman bulan {next_month} segera hadir.

## Kabar dari kantor

Tim setiap kantor sedang mengumpulkan cerita terbaik bulan ini.

## Jadwal penting

1. Batas pengajuan reimburse: tanggal 25.
2. Townhall berikutnya: diumumkan minggu depan.""",
    },
    # -- personal blogs: Engineering and IT ----------------------------------------------------
    {
        "key": "pg_migrations", "blog": "personal", "authors": "expert:engineering",
        "lang": "en", "engagement": 1.2, "tags": ["postgresql", "database", "engineering"],
        "title": "Zero-downtime migrations in PostgreSQL: our checklist",
        "body": """We deploy several times a day, and a migration that locks a big table for a minute is an outage. This is the checklist we use on every schema change.

## The rules

1. Never rename or drop a column in the same release that stops using it.
2. Add columns as nullable, backfill, then add the constraint.
3. Create indexes concurrently.

## Backfilling without locking

Small batches with a pause keep replication lag low:

```sql
UPDATE transactions
SET merchant_ref = legacy_ref
WHERE id BETWEEN %(start)s AND %(start)s + 10000
  AND merchant_ref IS NULL;
```

## Indexes

```sql
CREATE INDEX CONCURRENTLY transactions_merchant_ref
    ON transactions (merchant_ref);
```

`CONCURRENTLY` cannot run in a transaction, so it gets its own migration.

## Before you merge

- Run the migration against a copy of production data and time it.
- Check `pg_stat_activity` for locks during the test run.
- Write the rollback down, even if it is "do nothing".""",
    },
    {
        "key": "ci_speed", "blog": "personal", "authors": "dept:Engineering", "lang": "id",
        "tags": ["ci", "engineering"],
        "title": "Cara kami memangkas waktu CI dari 25 menit jadi 8 menit",
        "body": """Menunggu pipeline 25 menit untuk perubahan satu baris itu melelahkan. Ini yang kami ubah dalam dua sprint.

## Ukur dulu

Kami catat durasi setiap job selama seminggu. Ternyata 60% waktu habis untuk menginstal dependensi yang sama berulang kali.

## Cache dependensi

```yaml
test:
  cache:
    key:
      files: [requirements/lock.txt]
    paths: [.venv/]
  script:
    - make install
    - pytest -n 4
```

## Jalankan paralel

- Tes dibagi ke empat worker (`pytest -n 4`).
- Lint dan tes berjalan bersamaan, bukan berurutan.

## Hasilnya

- Sebelum: 25 menit per pipeline
- Sesudah: 8 menit, dan biaya runner turun sepertiganya

Langkah berikutnya: hanya menjalankan tes yang terdampak perubahan.""",
    },
    {
        "key": "django_queries", "blog": "personal", "authors": "dept:Engineering",
        "lang": "en", "tags": ["django", "python", "performance"],
        "title": "select_related or prefetch_related? A two-minute guide",
        "body": """Half of our slow pages had the same cause: one query per row. Django gives two tools; they are not interchangeable.

## select_related: follow a foreign key with a join

```python
orders = Order.objects.select_related("customer", "customer__city")
for order in orders:
    print(order.customer.name)  # no extra query
```

Use it for *to-one* relations.

## prefetch_related: a second query for the many side

```python
customers = Customer.objects.prefetch_related("orders")
for customer in customers:
    print(len(customer.orders.all()))  # no query per customer
```

Use it for *to-many* relations.

## How to catch the problem

- Turn on the query count in tests with `django_assert_max_num_queries`.
- Keep the same bound for 10 and 100 rows; if it breaks at 100, you have an N+1.""",
    },
    {
        "key": "alert_noise", "blog": "personal", "authors": "expert:engineering",
        "lang": "id", "tags": ["oncall", "engineering"],
        "title": "Belajar dari on-call: alert yang terlalu berisik",
        "body": """Minggu on-call terakhir saya menerima 140 page. Hanya tiga yang butuh tindakan. Ini catatan saya.

## Masalahnya

Alert yang berbunyi terus membuat kita berhenti memperhatikan. Yang penting jadi tenggelam.

## Prinsip baru kami

1. **Page hanya untuk gejala yang dirasakan pengguna**: error rate, latency, pembayaran gagal.
2. **Penyebab jadi tiket**, bukan page: CPU tinggi, disk 80%.
3. **Setiap alert punya runbook.** Tidak ada runbook, tidak ada alert.

## Hasil sebulan pertama

- Page turun dari 140 ke 18 per minggu.
- Waktu respon insiden nyata justru lebih cepat.

Terima kasih untuk tim SRE yang sabar menemani proses ini.""",
    },
    {
        "key": "vpn_split", "blog": "personal", "authors": "expert:it", "lang": "id",
        "engagement": 1.3, "tags": ["vpn", "wfh", "it"],
        "title": "Split tunnelling VPN: kenapa video call sekarang lebih lancar",
        "body": """Banyak yang bertanya kenapa VPN sekarang jarang putus. Jawabannya: split tunnelling.

## Dulu

Semua lalu lintas internet dari laptop kamu lewat VPN ke Jakarta, termasuk YouTube dan Zoom. Jalur kantor penuh, VPN putus.

## Sekarang

Hanya lalu lintas ke sistem internal (SAP, file server, portal HR) yang lewat VPN. Sisanya langsung ke internet.

## Yang perlu kamu lakukan

1. Impor profil VPN terbaru dari portal IT.
2. Pastikan opsi *Split tunnelling* aktif di Settings > Advanced.
3. Restart klien VPN.

## Apakah aman?

Ya. Laptop tetap dilindungi antivirus dan filter DNS perusahaan, di dalam maupun di luar VPN.

Masih putus-putus? Tanya di forum kategori *IT help desk*, kami pantau setiap hari.""",
    },
    {
        "key": "phishing_habits", "blog": "personal", "authors": "expert:it", "lang": "en",
        "tags": ["keamanan", "phishing", "it"],
        "title": "Five habits that stop phishing",
        "body": """Last quarter we blocked 3,400 phishing e-mails. A dozen still got through, and two people typed their password. These habits would have stopped all of them.

## 1. Check the sender, not the name

"HR Kolega" can be anyone. Look at the address after the name.

## 2. Hover before you click

The link text says *portal.kolega.co.id*; the real link may not.

## 3. Urgency is a red flag

"Confirm within 2 hours or lose your bonus" is written by attackers, not by HR.

## 4. Use the Report phishing button

It removes the e-mail from everyone's inbox, not just yours.

## 5. If you clicked, tell us

Change your password and tell IT. Five minutes matter; nobody gets in trouble for reporting.""",
    },
    # -- personal blogs: Finance ---------------------------------------------------------------
    {
        "key": "closing_lessons", "blog": "personal", "authors": "expert:finance",
        "lang": "id", "engagement": 1.2, "tags": ["closing", "tutupbuku", "finance"],
        "title": "Closing bulanan tanpa lembur: yang kami ubah",
        "body": """Dulu closing berarti tiga malam lembur. Sekarang hampir selalu selesai di jam kerja. Ini yang berubah.

## Kalender closing yang sama untuk semua

- H-2: cut-off invoice vendor dan accrual.
- H+1: rekonsiliasi bank.
- H+3: jurnal penyesuaian ditutup.
- H+4: laporan ke CFO.

## Rekonsiliasi harian, bukan bulanan

Rekonsiliasi bank dikerjakan setiap hari sepuluh menit. Di akhir bulan tinggal sedikit.

## Checklist bersama

Satu checklist di spreadsheet bersama, setiap baris punya pemilik dan tenggat. Semua bisa melihat apa yang tertahan.

## Hasilnya

Closing {prev_month} selesai H+3 tanpa lembur sama sekali. Terima kasih tim!""",
    },
    {
        "key": "ppn_explained", "blog": "personal", "authors": "expert:finance",
        "lang": "en", "engagement": 1.3, "tags": ["pajak", "ppn", "finance"],
        "title": "PPN 12% explained for non-finance people",
        "excerpt": "Why our quotations still show 11%, and what to write on them.",
        "body": """Sales and Customer Service keep asking the same question, so here is the short version.

## What changed

The PPN rate went to 12%. For most goods and services, the tax is calculated on a tax base (DPP) of 11/12 of the price.

## What it means in practice

12% × 11/12 = 11%. For our services the amount of PPN stays the same as before.

## What to write on a quotation

- Price *excluding* PPN
- PPN: 11% of the price
- Total

## Who issues the tax invoice

Finance issues the e-Faktur with every invoice. Don't promise customers a different format without asking us first.""",
    },
    {
        "key": "excel_finance", "blog": "personal", "authors": "dept:Finance", "lang": "id",
        "tags": ["excel", "finance", "tipskerja"],
        "title": "Lima rumus Excel yang wajib dikuasai anak Finance",
        "body": """Bukan yang paling canggih, tapi yang paling sering menyelamatkan hari.

## 1. XLOOKUP

```text
=XLOOKUP(A2; Vendor!A:A; Vendor!C:C; "tidak ada")
```

Lebih aman dari VLOOKUP karena tidak rusak saat kolom ditambah.

## 2. SUMIFS

Menjumlah dengan beberapa syarat: per cost center, per bulan.

## 3. EOMONTH

Tanggal akhir bulan untuk jadwal accrual dan jatuh tempo.

## 4. TEXT

Format angka dan tanggal untuk laporan: `=TEXT(B2; "dd mmm yyyy")`.

## 5. IFERROR

Laporan yang bersih tanpa `#N/A` berserakan.

Punya rumus favorit lain? Tulis di komentar.""",
    },
    {
        "key": "dashboards", "blog": "personal", "authors": "analyst", "lang": "id",
        "tags": ["powerbi", "dashboard", "data"],
        "title": "Dashboard yang benar-benar dibaca: lima prinsip",
        "body": """Saya sudah membuat lebih dari 50 dashboard. Yang masih dibuka setiap minggu hanya belasan. Ini bedanya.

## 1. Satu pertanyaan per halaman

Kalau tidak bisa menulis pertanyaannya dalam satu kalimat, halamannya terlalu ramai.

## 2. Angka terpenting di kiri atas

Mata membaca dari kiri atas. Taruh di situ yang paling menentukan keputusan.

## 3. Bandingkan dengan sesuatu

Angka tanpa pembanding tidak berarti: target, bulan lalu, atau tahun lalu.

## 4. Sedikit warna

Abu-abu untuk konteks, satu warna untuk yang perlu perhatian.

## 5. Tanyakan siapa yang akan membuka

Dashboard untuk direksi berbeda dengan dashboard untuk supervisor gudang.""",
    },
    # -- personal blogs: HR --------------------------------------------------------------------
    {
        "key": "self_assessment", "blog": "personal", "authors": "expert:hr", "lang": "id",
        "engagement": 1.5, "tags": ["penilaiankinerja", "karier"],
        "title": "Menulis self-assessment yang jujur dan kuat",
        "body": """Self-assessment bukan tempat merendah, juga bukan tempat membual. Ini cara menulisnya.

## Tulis hasil, bukan aktivitas

- Kurang kuat: *mengerjakan proyek migrasi data*.
- Lebih kuat: *memindahkan 2 juta data pelanggan tanpa gangguan layanan, dua minggu lebih cepat dari rencana*.

## Sertakan bukti

Angka, masukan pelanggan, atau pesan terima kasih dari tim lain.

## Akui yang belum berhasil

Satu hal yang belum berjalan dan apa yang kamu pelajari. Atasan menghargai kejujuran ini.

## Tutup dengan rencana

Dua atau tiga hal yang ingin kamu kembangkan tahun depan, dan dukungan yang kamu butuhkan.""",
    },
    {
        "key": "bpjs_guide", "blog": "personal", "authors": "expert:hr", "lang": "id",
        "tags": ["bpjs", "benefit"],
        "title": "BPJS Kesehatan untuk keluarga: panduan singkat",
        "body": """Pertanyaan yang paling sering masuk ke HR setiap bulan. Semoga panduan ini membantu.

## Siapa yang ditanggung

Karyawan, pasangan dan maksimal tiga anak, dengan iuran yang dibayar perusahaan dan karyawan.

## Menambahkan anggota keluarga

1. Siapkan Kartu Keluarga terbaru dan akta kelahiran atau akta nikah.
2. Unggah di portal HR menu *BPJS > Tambah anggota keluarga*.
3. Kami daftarkan dalam seminggu; kartu digital ada di aplikasi Mobile JKN.

## Pindah faskes

Bisa lewat aplikasi Mobile JKN, berlaku bulan berikutnya.

## Butuh bantuan?

Tanya di forum kategori *HR & policies*, atau hubungi tim Compensation & Benefits.""",
    },
    {
        "key": "interviews", "blog": "personal", "authors": "dept:Human Resources",
        "lang": "en", "tags": ["hiring", "rekrutmen"],
        "title": "What I learned from 200 interviews",
        "body": """I have sat in on more than 200 interviews at Kolega. Some patterns are hard to unsee.

## For candidates

- Specific beats impressive. "I reduced returns by 12%" beats "I'm results-driven".
- Ask us questions. The best candidates interview us too.

## For interviewers

- Decide what you're testing before the interview, not after.
- Write your notes right away, before you talk to the other interviewers.
- Every candidate should leave with a good impression of us, hired or not.

## For all of us

Referrals still bring our best hires. If you know someone great, tell us.""",
    },
    # -- personal blogs: Sales, Operations, Marketing, leadership --------------------------------
    {
        "key": "lost_tender", "blog": "personal", "authors": "dept:Sales", "lang": "en",
        "tags": ["sales", "tender"],
        "title": "Five lessons from a tender we lost",
        "body": """We lost a big government tender last quarter. It stung, and it taught us more than some wins.

## 1. Read the scoring before the scope

Price was 30% of the score; local support was 25%. We wrote 20 pages about features.

## 2. Visit before you write

The winner had met the users twice. We had met procurement once.

## 3. One voice

Three teams wrote our proposal, and it read like it.

## 4. Ask for the debrief

They gave us one. It was the most useful hour of the whole process.

## 5. Keep the relationship

We still call them every month. There's another tender next year.""",
    },
    {
        "key": "field_notes", "blog": "personal", "authors": "dept:Sales", "lang": "id",
        "tags": ["sales", "pelanggan"],
        "title": "Catatan lapangan: seminggu bersama pelanggan di {city}",
        "body": """Minggu lalu saya mengunjungi delapan pelanggan di {city}. Beberapa catatan yang menurut saya penting untuk semua tim.

## Yang mereka suka

- Pembayaran QRIS yang langsung tercatat di laporan harian.
- Tim Customer Service yang menjawab dalam bahasa daerah.

## Yang membuat mereka kesal

- Notifikasi settlement yang terlambat.
- Pelatihan kasir baru yang harus menunggu jadwal dari Jakarta.

## Yang bisa kita lakukan

1. Video pelatihan pendek dalam Bahasa Indonesia untuk kasir.
2. Kontak lokal untuk pertanyaan pertama.

Terima kasih tim {team} yang sudah menemani kunjungan ini.""",
    },
    {
        "key": "cycle_count", "blog": "personal", "authors": "expert:operations", "lang": "id",
        "tags": ["stockopname", "gudang", "operations"],
        "title": "Stock opname tanpa drama: cycle count di Sidoarjo",
        "body": """Dulu stock opname kuartalan menghentikan pengiriman sehari penuh. Sekarang tidak lagi.

## Apa itu cycle count

Menghitung sebagian barang setiap hari, bergiliran, sampai seluruh gudang terhitung dalam satu periode.

## Pembagian kami

- **Barang A** (nilai tinggi): setiap minggu
- **Barang B**: setiap bulan
- **Barang C**: setiap kuartal

## Yang membuat berhasil

1. Dihitung di jam sepi, setelah gelombang pengiriman pagi.
2. Selisih langsung diinvestigasi hari itu juga.
3. Tim bergantian, supaya semua paham tata letak gudang.

Akurasi stok naik dari 96% ke 99,2% dalam tiga bulan.""",
    },
    {
        "key": "safety_walk", "blog": "personal", "authors": "dept:Operations", "lang": "en",
        "tags": ["k3", "safety", "gudang"],
        "title": "Why every warehouse needs a weekly safety walk",
        "body": """Fifteen minutes every Monday, walking the floor with a checklist. It has done more for our safety record than any poster.

## What we look at

- Blocked emergency exits and fire extinguishers
- Pallets stacked too high
- Forklift lanes marked and clear
- PPE actually worn, not just available

## Who walks

A supervisor and one operator, different each week. Operators see things supervisors walk past.

## What happens next

Every finding gets an owner and a date, on the board by the canteen where everyone can see it.""",
    },
    {
        "key": "bilingual_copy", "blog": "personal", "authors": "dept:Marketing", "lang": "id",
        "tags": ["copywriting", "marketing"],
        "title": "Menulis untuk dua bahasa: catatan copywriter",
        "body": """Hampir semua materi kita terbit dalam Bahasa Indonesia dan Inggris. Menerjemahkan kata per kata hampir selalu gagal.

## Tulis dua kali, bukan terjemahkan

Mulai dari pesan utamanya, lalu tulis ulang untuk masing-masing pembaca.

## Perhatikan panjang teks

Bahasa Indonesia rata-rata 20% lebih panjang. Tombol dan judul perlu ruang.

## Sapaan

*Anda* untuk materi resmi, *kamu* untuk media sosial. Konsisten dalam satu materi.

## Istilah teknis

Kalau pelanggan kita bilang *settlement*, jangan paksa jadi *penyelesaian*. Tulis seperti pelanggan bicara.""",
    },
    {
        "key": "write_down", "blog": "personal", "authors": "ceo", "lang": "en",
        "engagement": 2, "tags": ["leadership", "budaya"],
        "title": "Why we write things down",
        "body": """When we were twenty people, everything important was said at lunch. We are many more now, in six offices, and lunch no longer scales.

## Writing is how we include people

A decision written down reaches Medan and Singapore the same day as the 12th floor.

## Writing makes thinking visible

If I can't write a plan in one page, I don't understand it yet.

## Writing lets people disagree

A document can be questioned by anyone, at any level, in their own time.

## What I ask of all of us

- Decisions in writing, with the reason.
- Answers in the forum, not in private chats, so the next person finds them.
- Short is fine. Clear is required.""",
    },
    # -- personal blogs: life ------------------------------------------------------------------
    {
        "key": "first_marathon", "blog": "personal", "authors": "interest:Running",
        "lang": "id", "engagement": 1.4, "tags": ["lari", "marathon"],
        "title": "Marathon pertama saya: dari 5K ke 42K dalam setahun",
        "body": """Setahun lalu saya lari 5 km saja sudah ngos-ngosan. Bulan lalu saya finis {race}. Ini perjalanannya.

## Mulai pelan

Tiga bulan pertama: lari tiga kali seminggu, boleh diselingi jalan kaki. Tidak ada target pace.

## Ikut komunitas

Running Club Jakarta mengubah segalanya. Lari Sabtu pagi jadi acara yang ditunggu.

## Latihan inti

- Long run bertahap, naik maksimal 10% per minggu
- Satu sesi interval
- Istirahat yang serius

## Hari H

Kilometer 35 adalah tembok. Yang membuat saya bertahan: teman-teman yang menunggu di garis finis.

Kalau saya bisa, kamu juga bisa. Sampai ketemu Sabtu di GBK!""",
    },
    {
        "key": "mudik", "blog": "personal", "authors": "interest:Travelling", "lang": "id",
        "tags": ["mudik", "keluarga"],
        "title": "Mudik dengan anak kecil: catatan praktis",
        "body": """Tahun ini kami mudik 14 jam dengan dua anak balita. Semua selamat, dan (hampir) tidak ada yang menangis. Ini catatannya.

## Sebelum berangkat

- Servis mobil seminggu sebelumnya, bukan sehari.
- Unduh lagu, film dan peta offline.

## Di jalan

1. Berangkat dini hari saat anak masih tidur.
2. Berhenti setiap dua jam, walau anak tidak minta.
3. Camilan dibagi per jam, bukan sekaligus.

## Yang kami pelajari

Rencana terbaik adalah rencana yang bisa diubah. Macet pasti ada, jadi nikmati saja.""",
    },
    {
        "key": "learning_bahasa", "blog": "personal", "authors": "office:Singapore",
        "lang": "en", "tags": ["bahasa", "budaya"],
        "title": "Learning Bahasa Indonesia from Singapore: six months in",
        "body": """Half of the forum is in Bahasa Indonesia, so six months ago I decided to stop using a translator. A progress report.

## What worked

- The Bahasa & Budaya community's Wednesday class
- Reading the forum every morning: real office language, short texts
- Asking colleagues to reply in Bahasa, slowly

## What was hard

Formal and informal registers. *Anda* in documents, *kamu* in chats, and *lo/gue* when Jakarta colleagues relax.

## Favourite words so far

- *Gercep* (quick to act)
- *Mantap*
- *Siap*, which means much more than "ready"

Terima kasih to everyone who corrected me kindly!""",
    },
    # -- drafts --------------------------------------------------------------------------------
    {
        "key": "draft_conference", "blog": "personal", "authors": "dept:Engineering",
        "lang": "en", "status": "draft", "tags": ["conference", "engineering"],
        "title": "Notes from the conference (draft)",
        "body": """## Talks worth watching

- Observability on a budget
- (links to follow)

## What we could try

(to be written after the team sync)""",
    },
    {
        "key": "draft_hybrid_year", "blog": "personal", "authors": "dept:Human Resources",
        "lang": "id", "status": "draft", "tags": ["hybrid"],
        "title": "Setahun kerja hybrid: apa kata data",
        "body": """## Kehadiran

Rata-rata 2,3 hari per minggu di kantor.

## Survei

(menunggu data dari tim analytics)""",
    },
    {
        "key": "draft_recipe", "blog": "personal", "authors": "interest:Cooking", "lang": "id",
        "status": "draft", "tags": ["resep"],
        "title": "Resep sambal matah ala ibu",
        "body": """## Bahan

- 10 bawang merah
- 5 cabai rawit
- Serai, daun jeruk, minyak kelapa

## Cara membuat

(belum selesai)""",
    },
    {
        "key": "scheduled_year_end", "blog": "personal", "authors": "expert:finance",
        "lang": "en", "status": "scheduled", "tags": ["closing", "finance"],
        "title": "Year-end closing: the dates to put in your calendar",
        "body": """The year-end close is the big one. These are the dates that matter for everyone outside Finance.

## Invoices

All invoices for this year in by the 20th of December.

## Expense claims

Claims for this year submitted by the 15th of December.

## Accruals

Send accrual requests by the second working day of January.""",
    },
    # -- community blogs -----------------------------------------------------------------------
    {
        "key": "techtalk_recap", "blog": "community:tech-talks", "authors": "members",
        "lang": "en", "tags": ["techtalk", "observability"],
        "title": "Tech Talk recap: observability 101",
        "body": """Thanks to the 60 people who joined, half of them not engineers! The slides are in the community files; here is the gist.

## Logs, metrics, traces

- **Logs** tell you what happened.
- **Metrics** tell you how much and how often.
- **Traces** tell you where the time went.

## The one query everyone liked

```promql
sum(rate(http_requests_total{{status=~"5.."}}[5m]))
  / sum(rate(http_requests_total[5m]))
```

The share of failing requests over the last five minutes: our most important number.

## Next talk

Kubernetes without tears, next month. Propose a talk in the forum!""",
    },
    {
        "key": "race_report", "blog": "community:running-club-jakarta", "authors": "members",
        "lang": "id", "engagement": 1.3, "tags": ["lari", "race"],
        "title": "Laporan lomba: {race}",
        "body": """Dua belas anggota Running Club ikut {race} tahun ini. Semua finis!

## Hasil

- 4 pelari full marathon
- 5 pelari half marathon
- 3 pelari 10K, dua di antaranya lomba pertama

## Momen terbaik

Sorakan teman-teman di kilometer 30, tepat saat kaki mulai protes.

## Berikutnya

Latihan bersama tetap setiap Sabtu jam 6 di GBK. Pemula sangat disambut.""",
    },
    {
        "key": "mangrove", "blog": "community:green-office", "authors": "members",
        "lang": "id", "tags": ["green", "mangrove", "csr"],
        "title": "Tanam mangrove di Muara Angke: laporan kegiatan",
        "body": """Sabtu lalu 45 relawan Kolega menanam 1.500 bibit mangrove di Muara Angke.

## Kenapa mangrove

Mangrove menahan abrasi, menjadi rumah ikan dan menyerap karbon jauh lebih banyak dari hutan biasa.

## Yang kami lakukan

1. Pembekalan singkat dari pengelola kawasan.
2. Menanam di zona yang sudah disiapkan.
3. Membersihkan sampah plastik di sepanjang pantai: 120 kg terkumpul.

## Berikutnya

Kami akan kembali enam bulan lagi untuk melihat pertumbuhannya. Ikut?""",
    },
    {
        "key": "rendang", "blog": "community:kuliner-nusantara", "authors": "members",
        "lang": "id", "tags": ["kuliner", "resep"],
        "title": "Resep rendang rumahan untuk pemula",
        "body": """Rendang sering dianggap sulit. Sebenarnya yang dibutuhkan hanya satu hal: sabar.

## Bahan

- 1 kg daging sapi bagian sengkel
- 1 liter santan dari 2 butir kelapa
- Bumbu halus: bawang merah, bawang putih, cabai, jahe, lengkuas, kunyit
- Serai, daun jeruk, daun kunyit

## Cara memasak

1. Tumis bumbu sampai harum.
2. Masukkan daging dan santan, masak dengan api sedang.
3. Aduk sesekali sampai santan mengental dan berminyak, sekitar tiga jam.
4. Kecilkan api, aduk terus sampai kering dan berwarna gelap.

## Tips

Rendang makin enak keesokan harinya. Masak hari Sabtu, nikmati hari Minggu.""",
    },
]  # fmt: skip

# Slot values only the blog uses.
VALUES = {
    "race": ["Jakarta Marathon", "Borobudur Marathon", "Bali Marathon"],
}
