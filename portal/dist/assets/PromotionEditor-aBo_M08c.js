import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{c as r,d as i,f as a,n as o,s as ee,u as s}from"./index-BqCJpa1U.js";import{t as c}from"./useTranslation-C_P0klXE.js";import{i as l,l as u,n as d,o as f,r as p,t as m,u as h}from"./usePageTitle-Jpf0eI-v.js";import{t as g}from"./audience-D9BouUUZ.js";var _=e(t(),1),v=n(),y=f(`
  query PromotionEditorOptions {
    settings {
      today
    }
    channels(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          name
          region
        }
      }
    }
    products(first: 100, where: { active: true }, orderBy: { field: SKU }) {
      edges {
        node {
          id
          sku
          name
          category
        }
      }
    }
  }
`),b=f(`
  query Promotion($id: ID!) {
    node(id: $id) {
      __typename
      ... on Promotion {
        id
        name
        description
        discountBasisPoints
        minQuantity
        validFrom
        validTo
        stacks
        categories
        products {
          id
        }
        audience {
          ...AudienceFields
        }
      }
    }
  }
`),x=f(`
  mutation CreatePromotion($input: PromotionInput!) {
    createPromotion(input: $input) {
      id
    }
  }
`),S=f(`
  mutation UpdatePromotion($id: ID!, $input: PromotionInput!) {
    updatePromotion(id: $id, input: $input) {
      id
    }
  }
`),C={name:``,description:``,percent:``,minQuantity:``,validFrom:``,validTo:``,stacks:!1,productIDs:[],categories:[],all:!0,channels:[],tiers:[],territories:[],dealers:[]};function w(e,t,n=(e,t)=>e===t){return e.some(e=>n(e,t))?e.filter(e=>!n(e,t)):[...e,t]}function T(){let{t:e,i18n:t}=c(),{id:n}=a(),f=!!n,T=i();m(e(f?`promotions.editTitle`:`promotions.newTitle`));let E={name:(0,_.useId)(),description:(0,_.useId)(),percent:(0,_.useId)(),min:(0,_.useId)(),from:(0,_.useId)(),to:(0,_.useId)()},[{data:D,error:O}]=h({query:y}),[{data:k}]=h({query:b,variables:{id:n??``},pause:!f}),[A,j]=(0,_.useState)(C),[M,N]=(0,_.useState)(!1),[P,F]=(0,_.useState)(!1),[I,L]=u(x),[R,z]=u(S),B=f?R:I;(0,_.useEffect)(()=>{if(M)return;let e=k?.node?.__typename===`Promotion`?k.node:null;f&&e?(j({name:e.name,description:e.description,percent:String(e.discountBasisPoints/100),minQuantity:e.minQuantity?String(e.minQuantity):``,validFrom:e.validFrom,validTo:e.validTo,stacks:e.stacks,productIDs:(e.products??[]).map(e=>e.id),categories:e.categories??[],all:e.audience.all,channels:e.audience.channels,tiers:e.audience.tiers,territories:e.audience.territories,dealers:e.audience.dealers}),N(!0)):!f&&D&&(j(e=>({...e,validFrom:D.settings.today,validTo:D.settings.today})),N(!0))},[f,k,D,M]);let V=e=>j(t=>({...t,...e})),H=l(B.error).map(e=>({...e,name:p(e.field).name})),U=e=>e.name.split(`.`)[0]===`audience`,W=t=>H.filter(e=>(e.code===`INVALID_INPUT`||e.code===`NOT_FOUND`)&&e.name===t).map(t=>d(e,t,`promotions`))[0],G=H.filter(U).map(t=>t.code===`FORBIDDEN`?e(`policies.audienceForbidden`):t.code===`NOT_FOUND`?e(`policies.audienceNotFound`):e(`errors.field.audience`))[0],K=H.filter(e=>!U(e)&&(e.code!==`INVALID_INPUT`&&e.code!==`NOT_FOUND`||!e.field)).map(t=>d(e,t,`promotions`)),q=async e=>{e.preventDefault();let t=o(A.percent);if(F(t===null),t===null)return;let r={name:A.name,description:A.description||null,discountBasisPoints:t,minQuantity:A.minQuantity?Number(A.minQuantity):null,validFrom:A.validFrom,validTo:A.validTo,stacks:A.stacks,productIDs:A.productIDs,categories:A.categories,audience:A.all?{all:!0}:{all:!1,channelIDs:A.channels.map(e=>e.id),tiers:A.tiers,territoryIDs:A.territories.map(e=>e.id),dealerIDs:A.dealers.map(e=>e.id)}},i=f?await z({id:n,input:r}):await L({input:r});!i.error&&i.data&&T(`/promotions`)};if(O&&!D)return(0,v.jsx)(ee,{error:O});if(!D||f&&!M)return(0,v.jsx)(r,{});let J=(D.channels.edges??[]).flatMap(e=>e?.node?[e.node]:[]),Y=(D.territories.edges??[]).flatMap(e=>e?.node?[e.node]:[]),X=(D.products.edges??[]).flatMap(e=>e?.node?[e.node]:[]),Z=[...new Set(X.map(e=>e.category).filter(Boolean))].sort(),Q=(e,t)=>e.id===t.id,$=e=>{let t=W(e);return t?(0,v.jsx)(`p`,{className:`field-error`,role:`alert`,children:t}):null};return(0,v.jsxs)(`section`,{"aria-labelledby":`promotion-editor-title`,children:[(0,v.jsx)(`p`,{className:`back`,children:(0,v.jsxs)(s,{to:`/promotions`,children:[`← `,e(`promotions.back`)]})}),(0,v.jsx)(`h1`,{id:`promotion-editor-title`,children:e(f?`promotions.editTitle`:`promotions.newTitle`)}),(0,v.jsxs)(`form`,{className:`form promotion-editor`,onSubmit:q,noValidate:!0,children:[(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:E.name,children:e(`promotions.name`)}),(0,v.jsx)(`input`,{id:E.name,name:`name`,value:A.name,maxLength:200,onChange:e=>V({name:e.target.value})}),$(`name`)]}),(0,v.jsxs)(`div`,{className:`field field-wide`,children:[(0,v.jsx)(`label`,{htmlFor:E.description,children:e(`promotions.description`)}),(0,v.jsx)(`textarea`,{id:E.description,name:`description`,rows:4,value:A.description,onChange:e=>V({description:e.target.value})}),$(`description`)]}),(0,v.jsxs)(`div`,{className:`field-row`,children:[(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:E.percent,children:e(`promotions.percentField`)}),(0,v.jsx)(`input`,{id:E.percent,name:`percent`,inputMode:`decimal`,value:A.percent,onChange:e=>V({percent:e.target.value})}),P&&(0,v.jsx)(`p`,{className:`field-error`,role:`alert`,children:e(`promotions.field.discountBasisPoints`)}),$(`discountBasisPoints`)]}),(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:E.min,children:e(`promotions.minQuantityField`)}),(0,v.jsx)(`input`,{id:E.min,name:`minQuantity`,type:`number`,min:1,step:1,value:A.minQuantity,onChange:e=>V({minQuantity:e.target.value})}),$(`minQuantity`)]})]}),(0,v.jsxs)(`div`,{className:`field-row`,children:[(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:E.from,children:e(`promotions.validFrom`)}),(0,v.jsx)(`input`,{id:E.from,name:`validFrom`,type:`date`,value:A.validFrom,onChange:e=>V({validFrom:e.target.value})}),$(`validFrom`)]}),(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:E.to,children:e(`promotions.validTo`)}),(0,v.jsx)(`input`,{id:E.to,name:`validTo`,type:`date`,value:A.validTo,onChange:e=>V({validTo:e.target.value})}),$(`validTo`)]})]}),(0,v.jsxs)(`label`,{className:`check`,children:[(0,v.jsx)(`input`,{type:`checkbox`,name:`stacks`,checked:A.stacks,onChange:e=>V({stacks:e.target.checked})}),` `,e(`promotions.stacksField`)]}),(0,v.jsxs)(`fieldset`,{className:`promotion-covers`,children:[(0,v.jsx)(`legend`,{children:e(`promotions.covers`)}),(0,v.jsx)(`p`,{className:`muted`,children:e(`promotions.coversHint`)}),(0,v.jsxs)(`fieldset`,{children:[(0,v.jsx)(`legend`,{children:e(`promotions.categories`)}),Z.map(e=>(0,v.jsxs)(`label`,{className:`check`,children:[(0,v.jsx)(`input`,{type:`checkbox`,"data-category":e,checked:A.categories.includes(e),onChange:()=>V({categories:w(A.categories,e)})}),` `,e]},e)),$(`categories`)]}),(0,v.jsxs)(`fieldset`,{children:[(0,v.jsx)(`legend`,{children:e(`promotions.products`)}),(0,v.jsx)(`div`,{className:`product-picks`,children:X.map(e=>(0,v.jsxs)(`label`,{className:`check`,children:[(0,v.jsx)(`input`,{type:`checkbox`,"data-product":e.sku,checked:A.productIDs.includes(e.id),onChange:()=>V({productIDs:w(A.productIDs,e.id)})}),` `,(0,v.jsx)(`span`,{className:`mono`,children:e.sku}),` `,e.name]},e.id))}),$(`productIDs`)]})]}),(0,v.jsxs)(`fieldset`,{className:`audience-picker`,children:[(0,v.jsx)(`legend`,{children:e(`promotions.audience`)}),(0,v.jsxs)(`label`,{className:`check`,children:[(0,v.jsx)(`input`,{type:`radio`,name:`audience-mode`,value:`all`,checked:A.all,onChange:()=>V({all:!0})}),` `,e(`audience.all`)]}),(0,v.jsxs)(`label`,{className:`check`,children:[(0,v.jsx)(`input`,{type:`radio`,name:`audience-mode`,value:`choose`,checked:!A.all,onChange:()=>V({all:!1})}),` `,e(`policies.chooseAudience`)]}),!A.all&&(0,v.jsxs)(`div`,{className:`audience-dimensions`,children:[(0,v.jsxs)(`fieldset`,{children:[(0,v.jsx)(`legend`,{children:e(`policies.channels`)}),J.map(e=>(0,v.jsxs)(`label`,{className:`check`,children:[(0,v.jsx)(`input`,{type:`checkbox`,"data-channel":e.name,checked:A.channels.some(t=>t.id===e.id),onChange:()=>V({channels:w(A.channels,e,Q)})}),` `,e.name]},e.id))]}),(0,v.jsxs)(`fieldset`,{children:[(0,v.jsx)(`legend`,{children:e(`policies.tiers`)}),[1,2].map(t=>(0,v.jsxs)(`label`,{className:`check`,children:[(0,v.jsx)(`input`,{type:`checkbox`,"data-tier":t,checked:A.tiers.includes(t),onChange:()=>V({tiers:w(A.tiers,t)})}),` `,e(`tier.${t}`)]},t))]}),(0,v.jsxs)(`fieldset`,{children:[(0,v.jsx)(`legend`,{children:e(`policies.territories`)}),Y.map(e=>(0,v.jsxs)(`label`,{className:`check`,children:[(0,v.jsx)(`input`,{type:`checkbox`,"data-territory":e.name,checked:A.territories.some(t=>t.id===e.id),onChange:()=>V({territories:w(A.territories,e,Q)})}),` `,e.name,` `,(0,v.jsxs)(`span`,{className:`muted`,children:[`(`,e.region,`)`]})]},e.id))]}),A.dealers.length>0&&(0,v.jsxs)(`fieldset`,{children:[(0,v.jsx)(`legend`,{children:e(`policies.namedDealers`)}),(0,v.jsx)(`ul`,{className:`chips`,children:A.dealers.map(t=>(0,v.jsxs)(`li`,{children:[t.name,` `,(0,v.jsx)(`button`,{type:`button`,className:`button button-quiet`,"aria-label":e(`policies.removeDealer`,{name:t.name}),onClick:()=>V({dealers:A.dealers.filter(e=>e.id!==t.id)}),children:`×`})]},t.id))})]})]}),(0,v.jsxs)(`p`,{className:`audience-summary`,children:[e(`policies.appliesTo`),` `,(0,v.jsx)(`strong`,{children:g(e,A,t.language===`zh`?`zh-CN`:`en`)})]}),G&&(0,v.jsx)(`p`,{className:`field-error`,role:`alert`,children:G})]}),K.map((e,t)=>(0,v.jsx)(`p`,{className:`field-error`,role:`alert`,children:e},t)),(0,v.jsx)(`p`,{className:`actions-row`,children:(0,v.jsx)(`button`,{type:`submit`,className:`button button-primary`,"data-action":`save-promotion`,disabled:B.fetching,children:e(f?`promotions.save`:`promotions.publish`)})})]})]})}export{x as CreatePromotionMutation,T as PromotionEditor,y as PromotionEditorOptionsQuery,b as PromotionQuery,S as UpdatePromotionMutation};