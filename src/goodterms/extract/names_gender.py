"""Common English first names by usual gender: a fallback when the text gives no cue."""
from __future__ import annotations

FEMALE_FIRST_NAMES = frozenset("""
tara nadia alyssa aubrey bethany brianna cassie daphne delilah elise elle esther faye freya
gabriella georgina imogen ingrid isabel isabella isla ivy josie julianna karina kelsey kiara kira
lacey laila layla leila lila lola lorna lucia luna mabel mara margo marina marisa mckenna millie
mina miriam nadine nancy nell noelle paloma petra phoebe priya rebekah rhea rosalind sadie sally
sasha savannah shannon sonia tamsin tessa thea trisha uma viola vivian willa yara yasmin zara
abigail ada adele adriana aisha alexa alexandra alexis alice alicia alison amanda amber amelia amy
ana andrea angela angelina anita ann anna anne annie april ariana ashley audrey ava barbara beatrice
bella beth betty beverly beyonce bianca billie bonnie brenda bridget britney brittany brooke caitlyn
camila candace cardi carly carmen carol caroline carrie cassandra catherine cathy celine charlize
charlotte chelsea cher cheryl chloe christina christine cindy claire clara claudia colleen courteney
courtney cynthia daisy dakota dana danielle debbie deborah demi denise diana diane dolly donna dora
doris dorothy eleanor elena elisabeth eliza elizabeth ella ellen ellie emilia emily emma erica erin
eva eve evelyn faith felicity fiona florence frances gabrielle gail gemma georgia gigi gina gisele
gloria grace gwen gwyneth hailey haley halle hannah harper hayley heather heidi helen hilary hilaria
hillary holly ivanka jackie jacqueline jada jamie jane janet janice jasmine jean jenna jennifer
jenny jessica jill joan joanna jodie jordana josephine joy joyce judith judy julia julianne julie
justine kaia kaley kara karen kate katherine kathleen kathryn kathy katie katy kayla keira kelly
kendall kerry khloe kim kimberly kourtney kris kristen kristin kylie lana laura lauren leah leighton
lena leslie lily linda lindsay lisa liz liza lizzie lori lorraine louise lucy lupita lydia madison
madonna maggie mandy margaret margot maria mariah marie marilyn marion martha mary maya megan meghan
melania melanie melissa meryl mia michelle mila miley miranda molly monica naomi natalie natasha
nicole nicki nina nora olivia paige pamela paris patricia paula penelope penny pink priyanka
rachel rebecca reese regina renee rihanna rita roberta rosa rosamund rose rosie ruby ruth sabrina
salma samantha sandra sara sarah scarlett selena serena shakira sharon sheila shiloh sienna simone
sofia sophia sophie stacey stella stephanie sue susan suri suzanne sylvia tamara tanya taylor tina
tracy valerie vanessa venus vera veronica victoria violet virginia vivienne wendy whitney yvonne
zahara zendaya zoe zoey
""".split())

MALE_FIRST_NAMES = frozenset("""
mario mason matteo miles milo mohamed nate nico noel otto quentin rhys ricardo rocco rory ruben
rufus samir santiago silas soren stefan sven tariq teo tobias tomas tristan ulrich wes yusuf zane
aiden alfie arlo axel beau bodhi brody callum cillian dante darius declan dexter duncan eli elliot
emil enzo ezra felix finn flynn gideon grady hamish harvey idris ivan jasper jude kai lars levi
lorenzo
aaron adam adrian alan albert alec alex alexander alfred andre andrew andy anthony antonio arnold
arthur austin barack ben benjamin bernie bill billy blake bob bobby brad bradley brandon brian brooklyn
bruce bruno bryan caleb calvin cameron carl carlos chad charles charlie chris christian christopher
chuck clint cody colin conor craig cruz dan daniel danny darren dave david dean dennis derek dick
diego dominic don donald doug douglas drake dustin dwayne dylan ed eddie edward elijah elon elton
elvis emmanuel enrique eric ethan evan frank frankie fred freddie gabriel gary gavin geoffrey george
gerald gordon graham greg gregory guy harold harrison harry hector henry hugh hugo ian isaac jack
jackson jacob jake james jared jason javier jay jeff jeffrey jeremy jerry jesse jim jimmy joe
joel joey john johnny jon jonah jonathan jordan jose joseph josh joshua juan julian justin kanye
keanu keith ken kenneth kevin kieran kirk kyle lamar larry leo leon leonardo liam lionel logan louis
luca lucas luke malcolm marc marco mark martin matt matthew max michael mick miguel mike mitch
nathan ned neil nicholas nick noah oliver omar oscar owen pablo patrick paul pedro pete peter phil
philip pierce prince rafael ralph randy ray raymond richard rick ricky rob robert rod roger
romeo ron ronald ross roy russell ryan sam samuel scott sean sebastian seth shawn simon stan stephen
steve steven stuart ted terry theo thomas tim timothy toby todd tom tommy tony travis trevor tyler
victor vince vincent wayne will william xavier zac zach zachary zayn
""".split())
